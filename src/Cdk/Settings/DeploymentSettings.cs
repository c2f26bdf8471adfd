using System.Globalization;
using System.Text.RegularExpressions;
using EcrPublicLambda.Cdk.Access;
using EcrPublicLambda.Cdk.Bundling;
using EcrPublicLambda.Cdk.Common;
using EcrPublicLambda.Cdk.Schedule;
using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Cdk.Settings;

/// <summary>Everything the CDK app is told through context, validated. <see cref="Region"/> null means env-agnostic.</summary>
internal sealed partial record DeploymentSettings(
    Fleet Fleet,
    string StackName,
    ScheduleExpression Schedule,
    string? AlarmEmail,
    AccessMode AccessMode,
    string? Account,
    string? Region)
{
    internal const string DefaultStackName = "EcrPublicLambda";

    /// <summary>Lambda's application log levels, most detailed first (context <c>logLevel</c>).</summary>
    internal static readonly IReadOnlyList<string> ApplicationLogLevels = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"];

    /// <summary>Lambda's system log levels (context <c>systemLogLevel</c>): INFO keeps the START/END/REPORT lines.</summary>
    internal static readonly IReadOnlyList<string> SystemLogLevels = ["DEBUG", "INFO", "WARN"];

    /// <summary>Minimum level of the function's own lines that Lambda keeps; it also sets <c>AWS_LAMBDA_LOG_LEVEL</c> to it.</summary>
    internal string LogLevel { get; init; } = "INFO";

    /// <summary>Minimum level of Lambda's platform lines (START, END, REPORT, init errors).</summary>
    internal string SystemLogLevel { get; init; } = "INFO";

    internal FunctionArchitecture Architecture { get; init; } = FunctionArchitecture.X86_64;

    /// <summary>
    /// Context <c>reservedConcurrency</c>: the function's reserved concurrency (default 1: one run at a time), or null
    /// (<c>none</c>) for none, when runs exclude each other per cluster with a Lease instead (<see cref="Leases"/>).
    /// </summary>
    internal int? ReservedConcurrency { get; init; } = 1;

    /// <summary>True when runs hold a Lease per cluster: the function has no reserved concurrency.</summary>
    internal bool Leases => ReservedConcurrency is null;

    /// <summary>
    /// The namespace of the ServiceAccount the onboarding manifest of each <c>kubernetes</c> cluster creates for the
    /// function (context <c>onboardingNamespace</c>; default <see cref="DefaultOnboardingNamespace"/>).
    /// </summary>
    internal string OnboardingNamespace { get; init; } = DefaultOnboardingNamespace;

    internal const string DefaultOnboardingNamespace = RbacManifest.DefaultOnboardingNamespace;

    /// <summary>The existing VPC the function runs in (context <c>vpcId</c>, <c>vpcSubnetIds</c>, <c>securityGroupIds</c>); null: no VPC.</summary>
    internal VpcPlacement? Vpc { get; init; }

    /// <summary>
    /// Reads the context (<paramref name="context"/> is <c>app.Node.TryGetContext</c>); the stack's account and region
    /// fall back to the CLI's <c>CDK_DEFAULT_ACCOUNT</c> / <c>CDK_DEFAULT_REGION</c>. Every problem is reported at once
    /// in one <see cref="FleetValidationException"/>; fleet problems carry the parser's own paths and messages.
    /// <paramref name="time"/> (default: the system clock) gives the synth date the schedule's year field is read against.
    /// </summary>
    internal static DeploymentSettings FromContext(Func<string, object?> context, AppEnvironment environment, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(environment);
        var errors = new List<string>();
        var fleet = ReadFleet(context, environment, errors);

        var stackName = ReadString(context, "stackName", errors) ?? DefaultStackName;
        if (!StackNamePattern().IsMatch(stackName))
        {
            errors.Add($"stackName: \"{stackName}\" is not a usable stack name (a letter, then up to 54 letters, digits or hyphens)");
        }

        var scheduleText = ReadString(context, "schedule", errors) ?? ScheduleExpression.Default;
        var schedule = ScheduleExpression.TryParse(
            scheduleText, DateOnly.FromDateTime((time ?? TimeProvider.System).GetUtcNow().UtcDateTime), out var scheduleError);
        if (scheduleError is not null)
        {
            errors.Add($"schedule: {scheduleError}");
        }

        var alarmEmail = ReadString(context, "alarmEmail", errors);
        if (alarmEmail is not null && !EmailPattern().IsMatch(alarmEmail))
        {
            errors.Add($"alarmEmail: \"{alarmEmail}\" is not an email address");
        }

        var accessMode = ReadString(context, "accessMode", errors) switch
        {
            null or "edit-policy" => AccessMode.EditPolicy,
            "rbac" => AccessMode.Rbac,
            var other => Invalid(errors, $"accessMode: \"{other}\" is not an access mode (expected \"edit-policy\" or \"rbac\")"),
        };

        errors.AddRange(NamespaceAccess.Problems(fleet, accessMode));

        if (accessMode == AccessMode.EditPolicy && fleet is not null)
        {
            RefuseSystemNamespaces(fleet, errors);
        }

        var logLevel = ReadChoice(context, "logLevel", ApplicationLogLevels, "INFO", errors);
        var systemLogLevel = ReadChoice(context, "systemLogLevel", SystemLogLevels, "INFO", errors);
        var architectureName = ReadString(context, FunctionArchitectures.ContextKey, errors);
        var architecture = FunctionArchitectures.Parse(architectureName);
        if (architecture is null)
        {
            errors.Add($"{FunctionArchitectures.ContextKey}: \"{architectureName}\" is not a Lambda architecture (expected \"x86_64\" or \"arm64\")");
        }

        var account = ReadString(context, "account", errors) ?? environment.Get("CDK_DEFAULT_ACCOUNT");
        if (account is not null && !AccountPattern().IsMatch(account))
        {
            errors.Add($"account: \"{account}\" is not an AWS account id (12 digits)");
        }

        var region = ReadString(context, "region", errors) ?? environment.Get("CDK_DEFAULT_REGION");
        if (region is not null && !RegionPattern().IsMatch(region))
        {
            errors.Add($"region: \"{region}\" is not an AWS region");
        }
        else if (region is not null && AwsPartition.RegionProblem(region) is { } partition)
        {
            errors.Add($"region: {partition}");
        }

        var vpc = VpcPlacement.FromContext(context, errors);
        var reservedConcurrency = ReadReservedConcurrency(context, errors);
        if (reservedConcurrency is null && fleet is not null)
        {
            RequireLeaseNamespaces(fleet, errors);
        }

        var onboardingNamespace = ReadString(context, "onboardingNamespace", errors) ?? DefaultOnboardingNamespace;
        if (FleetRules.DnsLabel(onboardingNamespace, "namespace") is { } namespaceProblem)
        {
            errors.Add($"onboardingNamespace: {namespaceProblem}");
        }

        if (errors.Count > 0)
        {
            throw new FleetValidationException(errors);
        }

        return new DeploymentSettings(fleet!, stackName, schedule!, alarmEmail, accessMode, account, region)
        {
            LogLevel = logLevel,
            SystemLogLevel = systemLogLevel,
            Architecture = architecture!.Value,
            Vpc = vpc,
            ReservedConcurrency = reservedConcurrency,
            OnboardingNamespace = onboardingNamespace,
        };
    }

    /// <summary>
    /// Context <c>reservedConcurrency</c>: absent is 1; <c>none</c> is null; otherwise a whole number from 1 up (a
    /// string from <c>-c</c>, a number from cdk.json).
    /// </summary>
    private static int? ReadReservedConcurrency(Func<string, object?> context, List<string> errors)
    {
        var value = context("reservedConcurrency");
        var text = value switch { null => null, string s => s.Trim(), _ => Convert.ToString(value, CultureInfo.InvariantCulture) };
        if (text is null)
        {
            return 1;
        }

        if (string.Equals(text, "none", StringComparison.Ordinal))
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1)
        {
            return count;
        }

        errors.Add($"reservedConcurrency: \"{text}\" is not a reserved concurrency (expected a whole number from 1, or \"none\" for no "
            + "reservation, where runs take turns per cluster with a Lease instead)");
        return 1;
    }

    /// <summary>With <c>reservedConcurrency: none</c> each cluster keeps the run's Lease in its first exact namespace: it needs one.</summary>
    private static void RequireLeaseNamespaces(Fleet fleet, List<string> errors)
    {
        for (var i = 0; i < fleet.Clusters.Count; i++)
        {
            var cluster = fleet.Clusters[i];
            if (RunLease.Namespace(cluster) is null)
            {
                errors.Add($"{JsonPath.Property(JsonPath.Index("clusters", i), "namespaces")}: cluster \"{cluster.Name}\" names no namespace by exact name "
                    + "(and not excluded), and reservedConcurrency none keeps each cluster's Lease in its first one; add one, or keep a reserved concurrency");
            }
        }
    }

    private static void RefuseSystemNamespaces(Fleet fleet, List<string> errors)
    {
        for (var i = 0; i < fleet.Clusters.Count; i++)
        {
            var cluster = fleet.Clusters[i];
            var granted = NamespaceSelection.For(cluster).ExactNamespaces;
            if (granted.Count == 0 && !NamespaceSelection.For(cluster).NeedsNamespaceList)
            {
                errors.Add($"{JsonPath.Property(JsonPath.Index("clusters", i), "excludeNamespaces")}: cluster {cluster.Name} excludes every namespace it names, "
                    + "so its access entry would be scoped to none; remove the cluster or a name from excludeNamespaces");
            }

            foreach (var ns in granted.Where(KubernetesPermissions.SystemNamespaces.Contains))
            {
                errors.Add($"clusters[{i}].namespaces: \"{ns}\" of cluster {cluster.Name} is refused with accessMode edit-policy "
                    + $"(AmazonEKSEditPolicy in {ns} is close to cluster admin); use -c accessMode=rbac, which grants only the Secret and service accounts by name");
            }
        }
    }

    private static string ReadChoice(Func<string, object?> context, string key, IReadOnlyList<string> choices, string fallback, List<string> errors)
    {
        var text = ReadString(context, key, errors);
        if (text is null)
        {
            return fallback;
        }

        var upper = text.Trim().ToUpperInvariant();
        if (choices.Contains(upper))
        {
            return upper;
        }

        errors.Add($"{key}: \"{text}\" is not a level (expected one of {string.Join(", ", choices)})");
        return fallback;
    }

    private static Fleet? ReadFleet(Func<string, object?> context, AppEnvironment environment, List<string> errors)
    {
        var clusters = context("clusters");
        var config = ReadString(context, "config", errors);
        var secretName = ReadString(context, "secretName", errors);
        var adoptExisting = ReadBoolean(context, "adoptExisting", errors);
        var instance = ReadString(context, "instance", errors);
        try
        {
            if (config is not null)
            {
                if (clusters is not null)
                {
                    errors.Add("clusters: give either clusters or config, not both");
                }

                foreach (var (key, value) in new[] { ("secretName", (object?)secretName), ("adoptExisting", adoptExisting), ("instance", instance) })
                {
                    if (value is not null)
                    {
                        errors.Add($"{key}: with config, set {key} in the fleet file");
                    }
                }

                return FleetFile.Load(config, environment);
            }

            if (clusters is null)
            {
                errors.Add("clusters: missing (give the fleet's clusters array as context clusters, or a fleet file as context config)");
                return null;
            }

            return FleetParser.Parse(FleetDocument.Compose(ContextJson.ToJson(clusters), secretName, adoptExisting, instance));
        }
        catch (FleetValidationException e)
        {
            errors.AddRange(e.Errors);
            return null;
        }
    }

    private static string? ReadString(Func<string, object?> context, string key, List<string> errors)
    {
        switch (context(key))
        {
            case null:
                return null;
            case string text:
                return text;
            default:
                errors.Add($"{key}: must be a string");
                return null;
        }
    }

    private static bool? ReadBoolean(Func<string, object?> context, string key, List<string> errors)
    {
        switch (context(key))
        {
            case null:
                return null;
            case bool flag:
                return flag;
            case string text when bool.TryParse(text, out var flag):
                return flag;
            case var other:
                errors.Add($"{key}: \"{Convert.ToString(other, CultureInfo.InvariantCulture)}\" is not true or false");
                return null;
        }
    }

    private static AccessMode Invalid(List<string> errors, string error)
    {
        errors.Add(error);
        return AccessMode.EditPolicy;
    }

    // The function's role is named "<stackName>-Function": IAM role names are at most 64 characters.
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9-]{0,54}$", RegexOptions.CultureInvariant)]
    private static partial Regex StackNamePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex("^[0-9]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex AccountPattern();

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();
}
