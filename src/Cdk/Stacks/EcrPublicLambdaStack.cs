using Amazon.CDK.AWS.CloudWatch.Actions;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.SNS.Subscriptions;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK;
using Constructs;
using EcrPublicLambda.Cdk.Access;
using EcrPublicLambda.Cdk.Bundling;
using EcrPublicLambda.Cdk.Common;
using EcrPublicLambda.Cdk.Lifecycle;
using EcrPublicLambda.Cdk.Schedule;
using EcrPublicLambda.Cdk.Settings;
using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Cdk.Stacks;

/// <summary>
/// The function, its role, log group and alarms, and the access entries of the same-account clusters in this stack's
/// region (the schedule is in the <see cref="LifecycleStack"/>, so that a teardown removes it first). Declares only: the settings come validated, the code built.
/// </summary>
internal sealed class EcrPublicLambdaStack : Stack
{
    internal EcrPublicLambdaStack(Construct scope, string id, EcrPublicLambdaStackProps props)
        : base(scope, id, WithEnvironment(props))
    {
        var settings = props.Settings;
        var fleet = settings.Fleet;
        RoleName = $"{settings.StackName}-Function";

        var logGroup = new LogGroup(this, "LogGroup", new Amazon.CDK.AWS.Logs.LogGroupProps
        {
            Retention = RetentionDays.ONE_MONTH,
            RemovalPolicy = RemovalPolicy.DESTROY,
        });

        Role = new Role(this, "Role", new RoleProps
        {
            RoleName = RoleName,
            AssumedBy = new ServicePrincipal("lambda.amazonaws.com"),
            Description = "EcrPublicLambda: reads the ECR Public token and writes image-pull Secrets into the registered EKS clusters",
        });
        DeclarePermissions(logGroup, settings.Fleet.Registries.Any(r => r.Type == RegistryType.EcrPublic));
        var network = settings.Vpc is { } placement ? placement.Import(this) : default;
        if (settings.Vpc is not null)
        {
            Role.AddToPolicy(VpcPlacement.NetworkInterfaceStatement());
        }

        Function = new Function(this, "Function", new FunctionProps
        {
            Runtime = Runtime.PROVIDED_AL2023,
            Handler = BootstrapAsset.ExecutableName,
            Architecture = FunctionArchitectures.Lambda(settings.Architecture),
            Code = props.Code,
            MemorySize = 256,
            Timeout = Duration.Seconds(TimeoutSeconds),
            // One run at a time by default: overlapping runs would race on the same Secrets and service accounts. With
            // reservedConcurrency none (accounts whose quota cannot spare a reservation), runs take turns per cluster
            // with a Lease instead, told so by RunLease.DurationVariable.
            ReservedConcurrentExecutions = settings.ReservedConcurrency,
            Role = Role,
            LogGroup = logGroup,
            // JSON lines: Lambda filters them by their "level" and sets AWS_LAMBDA_LOG_LEVEL, which the function reads.
            LoggingFormat = LoggingFormat.JSON,
            ApplicationLogLevelV2 = Enum.Parse<ApplicationLogLevel>(settings.LogLevel),
            SystemLogLevelV2 = Enum.Parse<SystemLogLevel>(settings.SystemLogLevel),
            Description = "Keeps ECR Public image-pull Secrets fresh in EKS clusters (clusters.json beside bootstrap)",
            Vpc = network.Vpc,
            VpcSubnets = network.Subnets,
            SecurityGroups = network.SecurityGroups,
            Environment = FunctionEnvironment(settings),
        });
        DeclareDeploymentAccess(settings);

        FailedRuns = FailureDestination.Declare(this, Function, Role);
        DeclareAlarms(settings, StatusDashboard.Declare(this, Function, logGroup, settings.Schedule, Function.Timeout!));

        LocalClusters = [.. fleet.Clusters.Where(c => c.Kind == ClusterKind.Eks && c.RoleArn is null && c.Region == settings.Region)];
        foreach (var cluster in LocalClusters)
        {
            ClusterAccessEntry.Declare(this, cluster, Role.RoleArn, settings.AccessMode, settings.Leases);
        }

        // The registries' grants go with the clusters' into the fleet-change cleanup's dependencies: it runs with them.
        var grants = ClusterGrants.Declare(this, fleet, Role).ToList();
        if (RegistryGrants.Declare(this, fleet, Role) is { } registryGrants)
        {
            grants.Add(registryGrants);
        }

        FleetChangeCleanup.Declare(this, Function, fleet, grants);

        if (settings.AccessMode == AccessMode.EditPolicy && fleet.Clusters.Any(c => c.Kind == ClusterKind.Eks))
        {
            Annotations.Of(this).AddWarningV2("ecr-public-lambda:edit-policy", EditPolicyWarning(settings.Fleet));
        }

        if (settings.Vpc is null && KubernetesWithoutVpcWarning(fleet) is { } outside)
        {
            Annotations.Of(this).AddWarningV2("ecr-public-lambda:kubernetes-without-vpc", outside);
        }

        DeclareOutputs(settings);
    }

    /// <summary>The function's timeout: a run ends by then.</summary>
    internal const int TimeoutSeconds = 300;

    /// <summary>How long a run's Lease holds (<c>reservedConcurrency: none</c>): the whole run and a minute more.</summary>
    internal const int LeaseSeconds = TimeoutSeconds + 60;

    internal Function Function { get; }

    internal Role Role { get; }

    /// <summary>Where Lambda records each failed asynchronous invocation (no retries).</summary>
    internal Amazon.CDK.AWS.SQS.Queue FailedRuns { get; }

    /// <summary>The role's fixed name: other-region stacks build its ARN from it.</summary>
    internal string RoleName { get; }

    /// <summary>Same-account clusters in this stack's region: their access entries are here. Empty when the stack is env-agnostic.</summary>
    internal IReadOnlyList<ClusterConfig> LocalClusters { get; }

    /// <summary>The target role of a cross-account cluster: what it must trust and allow (stack output text).</summary>
    internal static string DescribeTargetRole(ClusterConfig cluster, string functionRoleArn, AccessMode mode, bool lease = false)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var arn = cluster.RoleArn!.Split(':');
        var (partition, account) = (arn[1], arn[4]);
        if (cluster.Kind == ClusterKind.Kubernetes)
        {
            var key = cluster.KmsKeyArn is { } keyArn ? $", and kms:Decrypt on {keyArn} via secretsmanager.{cluster.Region}.amazonaws.com" : string.Empty;
            return $"{cluster.RoleArn} must trust {functionRoleArn} for sts:AssumeRole and allow secretsmanager:GetSecretValue on {cluster.CredentialsSecretArn}{key} "
                + $"(cluster {cluster.Name}: apply {RbacManifest.FileName(cluster)} in it)";
        }

        var describe = cluster.Endpoint is null
            ? $"allow eks:DescribeCluster on arn:{partition}:eks:{cluster.Region}:{account}:cluster/{cluster.Name}; "
            : string.Empty;
        var mapping = mode == AccessMode.Rbac
            ? $"kubernetes group {RbacManifest.KubernetesGroup} (then apply {RbacManifest.FileName(cluster)})"
            : $"{ClusterAccessEntry.EditPolicyName} scoped to namespaces {string.Join(", ", NamespaceSelection.For(cluster).ExactNamespaces)}"
                + (lease ? $" and kubernetes group {RbacManifest.KubernetesGroup} (then apply {RbacManifest.FileName(cluster)} for the run's Lease)" : string.Empty);
        return $"{cluster.RoleArn} must trust {functionRoleArn} for sts:AssumeRole; {describe}"
            + $"and cluster {cluster.Name} ({cluster.Region}) needs an access entry for it with {mapping}";
    }

    /// <summary>
    /// The synth warning for <c>kubernetes</c> clusters in a deployment without VPC placement: the function reaches them
    /// from Lambda's own network, so only over a public endpoint. Null when the fleet has none.
    /// </summary>
    internal static string? KubernetesWithoutVpcWarning(Fleet fleet)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        var outside = fleet.Clusters.Where(c => c.Kind == ClusterKind.Kubernetes).Select(c => $"{c.Name} ({c.Endpoint!.Authority})").ToList();
        return outside.Count == 0
            ? null
            : $"kubernetes cluster(s) {string.Join(", ", outside)} are reached without VPC placement: only a public API server endpoint can be reached. "
                + "For clusters on premises or in a private network, deploy with -c vpcId=... -c vpcSubnetIds=... (routes over VPN, Direct Connect or a Transit Gateway; see docs/kubernetes-clusters.md).";
    }

    /// <summary>The synth warning of access mode <c>edit-policy</c>: what the role may do, where, and the alternative.</summary>
    internal static string EditPolicyWarning(Fleet fleet)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        var where = string.Join("; ", fleet.Clusters.Where(c => c.Kind == ClusterKind.Eks).Select(c => $"{c.Name} ({c.Region}): {string.Join(", ", NamespaceSelection.For(c).ExactNamespaces)}"));
        return $"accessMode edit-policy maps the function's role to {ClusterAccessEntry.EditPolicyName} in every registered namespace "
            + $"({where}). There it may {KubernetesPermissions.EditPolicyReach}. The function needs only its Secret and the listed "
            + "service accounts by name: deploy with -c accessMode=rbac for exactly that.";
    }

    /// <summary>Where the deployed fleet is (the custom resources read it), and with no reservation the Lease's duration.</summary>
    private static Dictionary<string, string> FunctionEnvironment(DeploymentSettings settings)
    {
        var variables = new Dictionary<string, string> { [DeployedFleet.ParameterVariable] = DeployedFleet.ParameterName(settings.StackName) };
        if (settings.Leases)
        {
            variables[RunLease.DurationVariable] = LeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return variables;
    }

    private static EcrPublicLambdaStackProps WithEnvironment(EcrPublicLambdaStackProps props)
    {
        ArgumentNullException.ThrowIfNull(props);
        props.Env = new Amazon.CDK.Environment { Account = props.Settings.Account, Region = props.Settings.Region };
        props.Description ??= "EcrPublicLambda: keeps Amazon ECR Public image-pull Secrets fresh in EKS clusters";
        return props;
    }

    /// <summary>The role's own grants: its logs, and ECR Public's tokens when the fleet has <paramref name="ecrPublic"/>.</summary>
    private void DeclarePermissions(LogGroup logGroup, bool ecrPublic)
    {
        if (ecrPublic)
        {
            // What AWS's managed policy AmazonElasticContainerRegistryPublicReadOnly grants for a login: both token actions,
            // on "*" (neither takes a resource ARN), with no condition. The ECR Public API reference asks for exactly these
            // two; no sts:AWSServiceName value for ECR Public is documented, and a bearer token is accepted only by the
            // service it was asked for, so a condition would buy nothing and could deny every login.
            Role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
            {
                Sid = "EcrPublicToken",
                Actions = ["ecr-public:GetAuthorizationToken"],
                Resources = ["*"],
            }));
            Role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
            {
                Sid = "EcrPublicBearerToken",
                Actions = ["sts:GetServiceBearerToken"],
                Resources = ["*"],
            }));
        }

        // eks:DescribeCluster and sts:AssumeRole: one policy per cluster (ClusterGrants); other registries: RegistryGrants.
        Role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "WriteOwnLogs",
            Actions = ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resources = [logGroup.LogGroupArn],
        }));

        if (ecrPublic)
        {
            NagAcknowledgement.Add(
                (CfnResource)Role.Node.FindChild("DefaultPolicy").Node.DefaultChild!,
                "AwsSolutions-IAM5",
                "ecr-public:GetAuthorizationToken and sts:GetServiceBearerToken take no resource ARN (Resource must be *), as in AWS's "
                    + "managed policy AmazonElasticContainerRegistryPublicReadOnly; a bearer token is usable only by the service that asked for it",
                "Resource::*");
        }
    }

    /// <summary>
    /// What the custom resources ask of AWS: <c>ssm:GetParameter</c> on the deployed-fleet parameter only (its ARN built
    /// from the stack's name, so no reference), and <c>lambda:PutFunctionConcurrency</c> on the function itself (the
    /// teardown fence), in a policy of its own: the function does not wait for it, so its ARN makes no cycle.
    /// </summary>
    private void DeclareDeploymentAccess(DeploymentSettings settings)
    {
        Role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "ReadDeployedFleet",
            Actions = ["ssm:GetParameter"],
            Resources = [FormatArn(new ArnComponents
            {
                Service = "ssm",
                Resource = "parameter",
                ResourceName = DeployedFleet.ParameterName(settings.StackName).TrimStart('/'),
                ArnFormat = ArnFormat.SLASH_RESOURCE_NAME,
            })],
        }));
        _ = new Amazon.CDK.AWS.IAM.Policy(this, "TeardownFence", new Amazon.CDK.AWS.IAM.PolicyProps
        {
            Roles = [Role],
            Statements =
            [
                new PolicyStatement(new PolicyStatementProps
                {
                    Sid = "TeardownFence",
                    Actions = ["lambda:PutFunctionConcurrency"],
                    Resources = [Function.FunctionArn],
                }),
            ],
        });
    }

    private void DeclareAlarms(DeploymentSettings settings, Alarm oldestSecret)
    {
        var errors = new Alarm(this, "ErrorsAlarm", new AlarmProps
        {
            AlarmDescription = "The function failed: a crash or init error, an invalid payload, a scheduled or direct run that did not succeed, "
                + "or a CloudFormation answer that could not be sent; see the function's log",
            Metric = Function.MetricErrors(new MetricOptions { Statistic = "Sum", Period = Duration.Minutes(5) }),
            Threshold = 1,
            ComparisonOperator = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            EvaluationPeriods = 1,
            TreatMissingData = TreatMissingData.NOT_BREACHING,
        });

        // Every run (scheduled, direct, custom resource; refresh or cleanup) emits ClustersIncomplete. A custom-resource
        // run whose answer was delivered ends without a function error, so only this alarm sees its failed clusters.
        var incomplete = new Alarm(this, "FailedClustersAlarm", new AlarmProps
        {
            AlarmDescription = "A run (scheduled, direct, or for CloudFormation) left clusters failed or partial: see the function's log for the report",
            Metric = new Metric(new MetricProps
            {
                Namespace = MetricNames.Namespace,
                MetricName = MetricNames.ClustersIncomplete,
                DimensionsMap = new Dictionary<string, string> { ["FunctionName"] = Function.FunctionName },
                Statistic = "Sum",
                Period = Duration.Minutes(5),
            }),
            Threshold = 1,
            ComparisonOperator = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            EvaluationPeriods = 1,
            TreatMissingData = TreatMissingData.NOT_BREACHING,
        });

        // The function emits RunSucceeded=1 (EMF) after a run without failures. No data is a missed run, so it breaches.
        var missed = new Alarm(this, "NoSuccessfulRunAlarm", new AlarmProps
        {
            AlarmDescription = $"No successful refresh in {ScheduleExpression.FormatDuration(settings.Schedule.AlarmPeriod * settings.Schedule.MissedPeriods)} "
                + $"(schedule {settings.Schedule.Expression}, at most {ScheduleExpression.FormatDuration(settings.Schedule.LongestGap)} between runs): Secrets may expire",
            Metric = new Metric(new MetricProps
            {
                Namespace = MetricNames.Namespace,
                MetricName = MetricNames.RunSucceeded,
                DimensionsMap = new Dictionary<string, string> { ["FunctionName"] = Function.FunctionName },
                Statistic = "Sum",
                Period = Duration.Seconds(settings.Schedule.AlarmPeriod.TotalSeconds),
            }),
            Threshold = 1,
            ComparisonOperator = ComparisonOperator.LESS_THAN_THRESHOLD,
            EvaluationPeriods = settings.Schedule.MissedPeriods,
            DatapointsToAlarm = settings.Schedule.MissedPeriods,
            TreatMissingData = TreatMissingData.BREACHING,
        });

        if (settings.AlarmEmail is not null)
        {
            var topic = new Topic(this, "AlarmTopic", new TopicProps { DisplayName = "EcrPublicLambda alarms" });
            topic.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
            {
                Sid = "PublishOverTlsOnly",
                Effect = Effect.DENY,
                Principals = [new AnyPrincipal()],
                Actions = ["sns:Publish"],
                Resources = [topic.TopicArn],
                Conditions = new Dictionary<string, object> { ["Bool"] = new Dictionary<string, object> { ["aws:SecureTransport"] = "false" } },
            }));
            NagAcknowledgement.Add(
                (CfnResource)topic.Node.DefaultChild!,
                "AwsSolutions-SNS2",
                "alarm notifications carry only alarm names and states; CloudWatch alarms cannot publish to a topic encrypted "
                    + "with the AWS managed SNS key, and a customer managed key for this would cost more than it protects");
            topic.AddSubscription(new EmailSubscription(settings.AlarmEmail));
            errors.AddAlarmAction(new SnsAction(topic));
            incomplete.AddAlarmAction(new SnsAction(topic));
            missed.AddAlarmAction(new SnsAction(topic));
            oldestSecret.AddAlarmAction(new SnsAction(topic));
        }
    }

    private void DeclareOutputs(DeploymentSettings settings)
    {
        _ = new CfnOutput(this, "FunctionName", new CfnOutputProps
        {
            Description = "The refresh function",
            Value = Function.FunctionName,
        });
        _ = new CfnOutput(this, "InvokeCommand", new CfnOutputProps
        {
            Description = "Runs a refresh now and prints the report",
            Value = $"aws lambda invoke --function-name {Function.FunctionName} --region {Region} --payload '{{}}' --cli-binary-format raw-in-base64-out /dev/stdout",
        });
        _ = new CfnOutput(this, "RoleArn", new CfnOutputProps
        {
            Description = "The function's role (what cluster access entries and cross-account roles must name)",
            Value = Role.RoleArn,
        });

        var clusters = settings.Fleet.Clusters;
        for (var i = 0; i < clusters.Count; i++)
        {
            var cluster = clusters[i];
            if (cluster.RoleArn is not null)
            {
                _ = new CfnOutput(this, $"TargetRole{i}", new CfnOutputProps
                {
                    Description = $"Cross-account cluster {cluster.Name} ({cluster.Region}): set up the target role",
                    Value = DescribeTargetRole(cluster, Role.RoleArn, settings.AccessMode, settings.Leases),
                });
            }

            if (settings.AccessMode == AccessMode.Rbac || settings.Leases || cluster.Kind == ClusterKind.Kubernetes)
            {
                _ = new CfnOutput(this, $"RbacManifest{i}", new CfnOutputProps
                {
                    Description = cluster.Kind == ClusterKind.Kubernetes
                        ? $"Cluster {cluster.Name}: its ServiceAccount and RBAC to apply before the first run (then store its credentials in {cluster.CredentialsSecretName})"
                        : settings.AccessMode == AccessMode.Rbac
                        ? $"Cluster {cluster.Name} ({cluster.Region}): Kubernetes RBAC to apply before the first run"
                        : $"Cluster {cluster.Name} ({cluster.Region}): the RBAC of the run's Lease (reservedConcurrency none) to apply before the first run",
                    Value = $"kubectl apply -f cdk.out/{RbacManifest.FileName(cluster)} (in cluster {cluster.Name}, {cluster.Region})",
                });
            }
        }
    }
}
