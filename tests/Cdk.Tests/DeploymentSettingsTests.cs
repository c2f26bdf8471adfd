using EcrPublicLambda.Cdk.Access;
using EcrPublicLambda.Cdk.Bundling;
using EcrPublicLambda.Cdk.Common;
using EcrPublicLambda.Cdk.Settings;
using EcrPublicLambda.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace EcrPublicLambda.Cdk.Tests;

public sealed class DeploymentSettingsTests
{
    private const string TwoClusters = """
        [
          {"name": "prod-eu", "region": "eu-west-1", "namespaces": ["default", "monitoring"], "serviceAccounts": ["default"]},
          {"name": "partner", "region": "us-east-1", "namespaces": ["team-a"], "roleArn": "arn:aws:iam::210987654321:role/ecr-public-writer"}
        ]
        """;

    private static readonly AppEnvironment NoEnvironment = new(new Dictionary<string, string>(), AppContext.BaseDirectory);

    private static DeploymentSettings Read(Dictionary<string, object> context, AppEnvironment? environment = null) =>
        DeploymentSettings.FromContext(key => context.GetValueOrDefault(key), environment ?? NoEnvironment);

    private static IReadOnlyList<string> Errors(Dictionary<string, object> context) =>
        Assert.Throws<FleetValidationException>(() => Read(context)).Errors;

    [Fact]
    public void The_schedule_year_field_is_read_against_the_synth_date_of_the_clock()
    {
        var context = new Dictionary<string, object> { ["clusters"] = TwoClusters, ["schedule"] = "cron(0 */4 * * ? 2027-2199)" };
        DeploymentSettings Synth(DateTimeOffset now) =>
            DeploymentSettings.FromContext(key => context.GetValueOrDefault(key), NoEnvironment, new FakeTimeProvider(now));

        Assert.Equal("cron(0 */4 * * ? 2027-2199)", Synth(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero)).Schedule.Expression);
        var errors = Assert.Throws<FleetValidationException>(() => Synth(new DateTimeOffset(2026, 12, 31, 23, 59, 0, TimeSpan.Zero))).Errors;
        Assert.Contains(errors, e => e.StartsWith("schedule: \"cron(0 */4 * * ? 2027-2199)\": year field \"2027-2199\": it skips 2026", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_bad_context_value_is_reported_at_once()
    {
        var errors = Errors(new()
        {
            ["clusters"] = TwoClusters,
            ["schedule"] = "rate(1 hours)",
            ["accessMode"] = "admin",
            ["alarmEmail"] = "ops",
            ["stackName"] = "1st",
            ["account"] = "12345",
            ["region"] = "Europe",
            ["adoptExisting"] = "maybe",
        });

        Assert.Contains("schedule: \"rate(1 hours)\" must use \"hour\" for 1 and \"hours\" otherwise", errors);
        Assert.Contains("accessMode: \"admin\" is not an access mode (expected \"edit-policy\" or \"rbac\")", errors);
        Assert.Contains("alarmEmail: \"ops\" is not an email address", errors);
        Assert.Contains(errors, e => e.StartsWith("stackName: \"1st\" is not a usable stack name", StringComparison.Ordinal));
        Assert.Contains("account: \"12345\" is not an AWS account id (12 digits)", errors);
        Assert.Contains("region: \"Europe\" is not an AWS region", errors);
        Assert.Contains("adoptExisting: \"maybe\" is not true or false", errors);
    }

    [Fact]
    public void Without_clusters_or_config_synth_says_what_to_give()
    {
        Assert.Contains(Errors([]), e => e.StartsWith("clusters: missing (give the fleet's clusters array", StringComparison.Ordinal));
    }

    [Fact]
    public void Clusters_and_config_together_are_refused()
    {
        var errors = Errors(new() { ["clusters"] = TwoClusters, ["config"] = "clusters.json", ["secretName"] = "pull" });

        Assert.Contains("clusters: give either clusters or config, not both", errors);
        Assert.Contains("secretName: with config, set secretName in the fleet file", errors);
    }

    [Fact]
    public void Unreadable_config_file_is_named()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cdk-tests-{Guid.NewGuid():N}.json");

        Assert.Contains(Errors(new() { ["config"] = path }), e => e.StartsWith($"{path}: cannot read the fleet file", StringComparison.Ordinal));
    }

    [Fact]
    public void Non_string_values_are_refused_by_key()
    {
        Assert.Contains("schedule: must be a string", Errors(new() { ["clusters"] = TwoClusters, ["schedule"] = 4d }));
    }

    [Fact]
    public void Invalid_clusters_json_names_the_clusters_path()
    {
        Assert.Contains(Errors(new() { ["clusters"] = "[{" }), e => e.StartsWith("clusters: invalid JSON at line 1", StringComparison.Ordinal));
    }

    // The tests below go through FleetParser: the CDK app reports the same messages as `bootstrap validate`.

    [Fact]
    public void Inline_clusters_give_the_fleet_and_the_defaults()
    {
        var environment = new AppEnvironment(new Dictionary<string, string> { ["CDK_DEFAULT_REGION"] = "eu-west-1" }, AppContext.BaseDirectory);

        var settings = Read(new() { ["clusters"] = TwoClusters }, environment);

        Assert.Equal(["prod-eu", "partner"], settings.Fleet.Clusters.Select(c => c.Name));
        Assert.Equal(Fleet.DefaultSecretName, settings.Fleet.SecretName);
        Assert.Equal(("rate(4 hours)", AccessMode.EditPolicy, "EcrPublicLambda", "eu-west-1", null),
            (settings.Schedule.Expression, settings.AccessMode, settings.StackName, settings.Region, settings.Account));
        Assert.Null(settings.AlarmEmail);
    }

    [Fact]
    public void Clusters_as_a_json_value_read_the_same_as_the_string()
    {
        var asValue = new object[]
        {
            new Dictionary<string, object> { ["name"] = "prod-eu", ["region"] = "eu-west-1", ["namespaces"] = new object[] { "default", "monitoring" }, ["serviceAccounts"] = new object[] { "default" } },
            new Dictionary<string, object> { ["name"] = "partner", ["region"] = "us-east-1", ["namespaces"] = new object[] { "team-a" }, ["roleArn"] = "arn:aws:iam::210987654321:role/ecr-public-writer" },
        };

        Assert.Equal(
            FleetDocument.Write(Read(new() { ["clusters"] = TwoClusters, ["secretName"] = "pull" }).Fleet),
            FleetDocument.Write(Read(new() { ["clusters"] = asValue, ["secretName"] = "pull" }).Fleet));
    }

    [Fact]
    public void Bad_clusters_fail_with_the_parser_paths_all_at_once_beside_context_errors()
    {
        var errors = Errors(new()
        {
            ["clusters"] = """
                [
                  {"name": "a", "region": "Europe", "namespaces": ["default"]},
                  {"name": "b", "region": "eu-west-1", "namespaces": ["Prod"]}
                ]
                """,
            ["accessMode"] = "admin",
        });

        Assert.Contains(errors, e => e.StartsWith("clusters[0].region: ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("clusters[1].namespaces[0]: \"Prod\" is not a valid namespace name", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("accessMode: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Instance_context_names_the_deployment_and_a_bad_one_fails_under_its_path()
    {
        Assert.Equal("blue", Read(new() { ["clusters"] = TwoClusters, ["instance"] = "blue" }).Fleet.Instance);
        Assert.Equal("default", Read(new() { ["clusters"] = TwoClusters }).Fleet.Instance);
        Assert.Contains(Errors(new() { ["clusters"] = TwoClusters, ["instance"] = "blue/green" }), e => e.StartsWith("instance: \"blue/green\" is not a valid label value", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_secret_name_context_fails_under_the_fleet_path()
    {
        Assert.Contains(Errors(new() { ["clusters"] = TwoClusters, ["secretName"] = "Not_A_Name" }), e => e.StartsWith("secretName: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Config_file_errors_carry_the_file_path_as_bootstrap_validate_does()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cdk-tests-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"clusters": [{"name": "a", "region": "eu-west-1", "namespaces": ["Prod"]}]}""");
        try
        {
            Assert.Contains(Errors(new() { ["config"] = path }), e => e.StartsWith($"{path}: clusters[0].namespaces[0]: ", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Edit_policy_refuses_the_system_namespaces_and_points_to_rbac()
    {
        const string System = """[{"name": "prod", "region": "eu-west-1", "namespaces": ["default", "kube-system", "kube-public", "kube-node-lease"]}]""";

        var errors = Errors(new() { ["clusters"] = System });

        Assert.Equal(3, errors.Count);
        Assert.Contains(
            "clusters[0].namespaces: \"kube-system\" of cluster prod is refused with accessMode edit-policy (AmazonEKSEditPolicy in kube-system is close to cluster admin); "
            + "use -c accessMode=rbac, which grants only the Secret and service accounts by name",
            errors);
        Assert.Contains(errors, e => e.StartsWith("clusters[0].namespaces: \"kube-public\"", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("clusters[0].namespaces: \"kube-node-lease\"", StringComparison.Ordinal));
        Assert.Equal(["default", "kube-system", "kube-public", "kube-node-lease"], Read(new() { ["clusters"] = System, ["accessMode"] = "rbac" }).Fleet.Clusters[0].Namespaces);
    }

    [Fact]
    public void Log_levels_and_architecture_default_to_info_and_x86_64()
    {
        var settings = Read(new() { ["clusters"] = TwoClusters });

        Assert.Equal(("INFO", "INFO", FunctionArchitecture.X86_64), (settings.LogLevel, settings.SystemLogLevel, settings.Architecture));
    }

    [Fact]
    public void Log_levels_are_read_in_any_case_and_arm64_is_accepted()
    {
        var settings = Read(new() { ["clusters"] = TwoClusters, ["logLevel"] = "debug", ["systemLogLevel"] = "Warn", ["architecture"] = "arm64" });

        Assert.Equal(("DEBUG", "WARN", FunctionArchitecture.Arm64), (settings.LogLevel, settings.SystemLogLevel, settings.Architecture));
    }

    [Fact]
    public void Unknown_log_levels_and_architecture_are_named()
    {
        var errors = Errors(new() { ["clusters"] = TwoClusters, ["logLevel"] = "verbose", ["systemLogLevel"] = "TRACE", ["architecture"] = "aarch64" });

        Assert.Contains("logLevel: \"verbose\" is not a level (expected one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL)", errors);
        Assert.Contains("systemLogLevel: \"TRACE\" is not a level (expected one of DEBUG, INFO, WARN)", errors);
        Assert.Contains("architecture: \"aarch64\" is not a Lambda architecture (expected \"x86_64\" or \"arm64\")", errors);
    }

    [Fact]
    public void The_onboarding_namespace_defaults_to_ecr_public_lambda_and_must_be_a_namespace_name()
    {
        Assert.Equal("ecr-public-lambda", Read(new() { ["clusters"] = TwoClusters }).OnboardingNamespace);
        Assert.Equal("platform", Read(new() { ["clusters"] = TwoClusters, ["onboardingNamespace"] = "platform" }).OnboardingNamespace);
        Assert.Contains(
            Errors(new() { ["clusters"] = TwoClusters, ["onboardingNamespace"] = "Platform_Team" }),
            e => e.StartsWith("onboardingNamespace: \"Platform_Team\" is not a valid namespace name", StringComparison.Ordinal));
    }
}
