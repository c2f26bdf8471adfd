using Amazon.CDK.Assertions;
using EcrPublicLambda.Cdk.Access;
using EcrPublicLambda.Cdk.Schedule;
using EcrPublicLambda.Cdk.Stacks;
using static EcrPublicLambda.Cdk.Tests.TemplateJson;

namespace EcrPublicLambda.Cdk.Tests;

public sealed class EditPolicyStackTests(EditPolicyDeployment deployment) : IClassFixture<EditPolicyDeployment>
{
    private readonly Template main = deployment.Main;

    private string FunctionId => LogicalId(main, "AWS::Lambda::Function");

    private string RoleId => LogicalId(main, "AWS::IAM::Role");

    private string LogGroupId => LogicalId(main, "AWS::Logs::LogGroup");

    private string TopicId => LogicalId(main, "AWS::SNS::Topic");

    private static object[] EditPolicyScopedTo(params string[] namespaces) =>
    [
        Match.ObjectEquals(Obj(
            ("PolicyArn", Join("arn:", Partition, ":eks::aws:cluster-access-policy/AmazonEKSEditPolicy")),
            ("AccessScope", Obj(("Type", "namespace"), ("Namespaces", namespaces))))),
    ];

    [Fact]
    public void Function_is_the_bootstrap_on_provided_al2023_with_one_concurrent_run()
    {
        main.ResourceCountIs("AWS::Lambda::Function", 1);
        main.HasResourceProperties("AWS::Lambda::Function", Obj(
            ("Runtime", "provided.al2023"),
            ("Handler", "bootstrap"),
            ("Architectures", new[] { "x86_64" }),
            ("MemorySize", 256),
            ("Timeout", 300),
            ("ReservedConcurrentExecutions", 1),
            ("Role", GetAtt(RoleId, "Arn")),
            // JSON lines filtered by Lambda at INFO (it sets AWS_LAMBDA_LOG_LEVEL), platform lines at INFO (REPORT kept).
            ("LoggingConfig", Match.ObjectEquals(Obj(
                ("LogGroup", Ref(LogGroupId)),
                ("LogFormat", "JSON"),
                ("ApplicationLogLevel", "INFO"),
                ("SystemLogLevel", "INFO")))),
            // clusters.json sits beside bootstrap in the task root: no CONFIG_FILE needed; only the deployed-fleet parameter is named.
            ("Environment", Match.ObjectEquals(Obj(("Variables", Match.ObjectEquals(Obj(("DEPLOYED_FLEET_PARAMETER", "/EcrPublicLambda/EcrPublicLambda/deployed-fleet-sha256")))))))));
    }

    [Fact]
    public void Function_code_is_an_asset()
    {
        main.HasResourceProperties("AWS::Lambda::Function", Obj(
            ("Code", Obj(("S3Bucket", Match.AnyValue()), ("S3Key", Match.StringLikeRegexp(@"^[0-9a-f]{64}\.zip$"))))));
    }

    [Fact]
    public void Log_group_is_explicit_with_a_month_of_retention()
    {
        main.ResourceCountIs("AWS::Logs::LogGroup", 1);
        main.HasResource("AWS::Logs::LogGroup", Obj(
            ("Properties", Match.ObjectEquals(Obj(("RetentionInDays", 30)))),
            ("DeletionPolicy", "Delete")));
    }

    [Fact]
    public void Role_is_assumed_by_lambda_only_and_has_no_managed_policies()
    {
        main.ResourceCountIs("AWS::IAM::Role", 1);
        main.HasResourceProperties("AWS::IAM::Role", Match.ObjectEquals(Obj(
            ("RoleName", "EcrPublicLambda-Function"),
            ("Description", Match.AnyValue()),
            ("AssumeRolePolicyDocument", Obj(
                ("Version", "2012-10-17"),
                ("Statement", new object[]
                {
                    Match.ObjectEquals(Obj(
                        ("Action", "sts:AssumeRole"),
                        ("Effect", "Allow"),
                        ("Principal", Obj(("Service", "lambda.amazonaws.com"))))),
                }))))));
    }

    [Fact]
    public void Role_default_policy_has_exactly_the_token_log_deployed_fleet_and_failure_queue_statements()
    {
        main.HasResource("AWS::IAM::Policy", Obj(
            ("Properties", Obj(
            ("Roles", new object[] { Ref(RoleId) }),
            ("PolicyDocument", Match.ObjectEquals(Obj(
                ("Version", "2012-10-17"),
                ("Statement", new object[]
                {
                    Match.ObjectEquals(Obj(
                        ("Sid", "EcrPublicToken"),
                        ("Effect", "Allow"),
                        ("Action", "ecr-public:GetAuthorizationToken"),
                        ("Resource", "*"))),
                    // As AmazonElasticContainerRegistryPublicReadOnly grants it: on *, no condition (no sts:AWSServiceName).
                    Match.ObjectEquals(Obj(
                        ("Sid", "EcrPublicBearerToken"),
                        ("Effect", "Allow"),
                        ("Action", "sts:GetServiceBearerToken"),
                        ("Resource", "*"))),
                    Match.ObjectEquals(Obj(
                        ("Sid", "WriteOwnLogs"),
                        ("Effect", "Allow"),
                        ("Action", new[] { "logs:CreateLogStream", "logs:PutLogEvents" }),
                        ("Resource", GetAtt(LogGroupId, "Arn")))),
                    Match.ObjectEquals(Obj(
                        ("Sid", "ReadDeployedFleet"),
                        ("Effect", "Allow"),
                        ("Action", "ssm:GetParameter"),
                        ("Resource", Join("arn:", Partition, ":ssm:eu-west-1:", AccountId, ":parameter/EcrPublicLambda/EcrPublicLambda/deployed-fleet-sha256")))),
                    Match.ObjectEquals(Obj(
                        ("Sid", "RecordFailedRuns"),
                        ("Effect", "Allow"),
                        ("Action", "sqs:SendMessage"),
                        ("Resource", GetAtt(LogicalId(main, "AWS::SQS::Queue"), "Arn")))),
                }))))))));
        Assert.StartsWith("RoleDefaultPolicy", DefaultPolicyId(main), StringComparison.Ordinal);
    }

    [Fact]
    public void Schedule_defaults_to_every_four_hours_with_an_empty_payload_from_the_Lifecycle_stack()
    {
        var lifecycle = deployment.Lifecycle;
        main.ResourceCountIs("AWS::Events::Rule", 0);
        main.ResourceCountIs("AWS::Lambda::Permission", 0);
        lifecycle.ResourceCountIs("AWS::Events::Rule", 1);
        var functionArn = Obj(("Fn::ImportValue", Match.StringLikeRegexp("^EcrPublicLambda:ExportsOutputFnGetAttFunction.*Arn")));
        lifecycle.HasResourceProperties("AWS::Events::Rule", Obj(
            ("ScheduleExpression", "rate(4 hours)"),
            ("State", "ENABLED"),
            ("Targets", new object[] { Obj(("Arn", functionArn), ("Input", "{}")) })));
        lifecycle.HasResourceProperties("AWS::Lambda::Permission", Obj(
            ("Action", "lambda:InvokeFunction"),
            ("FunctionName", functionArn),
            ("Principal", "events.amazonaws.com"),
            ("SourceArn", GetAtt(LogicalId(lifecycle, "AWS::Events::Rule"), "Arn"))));
    }

    [Fact]
    public void Same_region_same_account_clusters_get_an_edit_policy_access_entry_scoped_to_their_namespaces()
    {
        main.ResourceCountIs("AWS::EKS::AccessEntry", 2);
        foreach (var cluster in new[] { TestFleet.ProdEu, TestFleet.Pinned })
        {
            main.HasResourceProperties("AWS::EKS::AccessEntry", Match.ObjectEquals(Obj(
                ("ClusterName", cluster.Name),
                ("PrincipalArn", GetAtt(RoleId, "Arn")),
                ("Type", "STANDARD"),
                ("AccessPolicies", EditPolicyScopedTo([.. cluster.Namespaces])))));
        }
    }

    [Fact]
    public void Clusters_whose_names_differ_only_in_punctuation_get_distinct_access_entries()
    {
        var fleet = new Configuration.Fleet("ecr-public-token", false, [TestFleet.ProdEu, TestFleet.ProdEu with { Name = "prod_eu" }]);
        var settings = deployment.Settings with { Fleet = fleet, AlarmEmail = null };
        var stacks = DeploymentStacks.Declare(new Amazon.CDK.App(), settings, Amazon.CDK.AWS.Lambda.Code.FromAsset(deployment.AssetDirectory));

        var names = Properties(Template.FromStack(stacks.Main), "AWS::EKS::AccessEntry").Select(p => (string)p["ClusterName"]).Order();

        Assert.Equal(["prod-eu", "prod_eu"], names);
    }

    [Fact]
    public void Cluster_in_another_region_gets_its_access_entry_from_a_stack_in_that_region()
    {
        var stack = Assert.Single(deployment.Stacks.Regional);
        Assert.Equal("EcrPublicLambda-Access-us-east-1", stack.StackName);
        Assert.Equal("us-east-1", stack.Region);
        Assert.Contains(deployment.Stacks.Main, stack.Dependencies);

        var template = deployment.Regional["us-east-1"];
        template.ResourceCountIs("AWS::EKS::AccessEntry", 1);
        template.HasResourceProperties("AWS::EKS::AccessEntry", Match.ObjectEquals(Obj(
            ("ClusterName", "prod-us"),
            ("PrincipalArn", Join("arn:", Partition, ":iam::", AccountId, ":role/EcrPublicLambda-Function")),
            ("Type", "STANDARD"),
            ("AccessPolicies", EditPolicyScopedTo("default")))));
    }

    [Fact]
    public void Cross_account_cluster_gets_no_access_entry_here()
    {
        var names = deployment.Regional.Values.Append(main)
            .SelectMany(template => Properties(template, "AWS::EKS::AccessEntry"))
            .Select(properties => properties["ClusterName"]);
        Assert.DoesNotContain("partner", names);
    }

    /// <summary>Errors: crashes, init errors, invalid payloads, plain runs that failed. ClustersIncomplete: failed clusters of every run, CloudFormation's included.</summary>
    [Theory]
    [InlineData("AWS/Lambda", "Errors")]
    [InlineData("EcrPublicLambda", "ClustersIncomplete")]
    public void Errors_and_failed_clusters_alarms_fire_on_a_sum_of_one_in_5_minutes_and_notify_the_topic(string ns, string metric)
    {
        main.HasResourceProperties("AWS::CloudWatch::Alarm", Obj(
            ("Namespace", ns),
            ("MetricName", metric),
            ("Dimensions", new object[] { Obj(("Name", "FunctionName"), ("Value", Ref(FunctionId))) }),
            ("Statistic", "Sum"),
            ("Period", 300),
            ("Threshold", 1),
            ("ComparisonOperator", "GreaterThanOrEqualToThreshold"),
            ("EvaluationPeriods", 1),
            ("TreatMissingData", "notBreaching"),
            ("AlarmActions", new object[] { Ref(TopicId) })));
    }

    [Fact]
    public void Missed_run_alarm_watches_run_succeeded_within_eight_hours_and_breaches_on_missing_data()
    {
        main.ResourceCountIs("AWS::CloudWatch::Alarm", 4);
        main.HasResourceProperties("AWS::CloudWatch::Alarm", Obj(
            ("Namespace", "EcrPublicLambda"),
            ("MetricName", "RunSucceeded"),
            ("Dimensions", new object[] { Obj(("Name", "FunctionName"), ("Value", Ref(FunctionId))) }),
            ("Statistic", "Sum"),
            // rate(4 hours): fires at most 8 h after the last success: 7 empty hours after the hour it came in.
            ("Period", 3600),
            ("EvaluationPeriods", 7),
            ("DatapointsToAlarm", 7),
            ("Threshold", 1),
            ("ComparisonOperator", "LessThanThreshold"),
            ("TreatMissingData", "breaching"),
            ("AlarmActions", new object[] { Ref(TopicId) })));
    }

    [Fact]
    public void Alarm_email_subscribes_to_the_alarm_topic()
    {
        main.ResourceCountIs("AWS::SNS::Topic", 1);
        main.ResourceCountIs("AWS::SNS::Subscription", 1);
        main.HasResourceProperties("AWS::SNS::Subscription", Obj(
            ("Protocol", "email"),
            ("Endpoint", "ops@example.com"),
            ("TopicArn", Ref(TopicId))));
    }

    [Fact]
    public void Outputs_name_the_function_and_give_a_ready_invoke_line()
    {
        main.HasOutput("FunctionName", Obj(("Value", Ref(FunctionId))));
        main.HasOutput("InvokeCommand", Obj(("Value", Join(
            "aws lambda invoke --function-name ",
            Ref(FunctionId),
            " --region eu-west-1 --payload '{}' --cli-binary-format raw-in-base64-out /dev/stdout"))));
        main.HasOutput("RoleArn", Obj(("Value", GetAtt(RoleId, "Arn"))));
    }

    [Fact]
    public void Output_tells_what_the_cross_account_role_must_trust_and_allow()
    {
        main.HasOutput("TargetRole3", Obj(("Value", Join(
            "arn:aws:iam::210987654321:role/ecr-public-writer must trust ",
            GetAtt(RoleId, "Arn"),
            " for sts:AssumeRole; allow eks:DescribeCluster on arn:aws:eks:eu-west-1:210987654321:cluster/partner; "
            + "and cluster partner (eu-west-1) needs an access entry for it with AmazonEKSEditPolicy scoped to namespaces team-a"))));
        Assert.Single(OutputNames(main), name => name.StartsWith("TargetRole", StringComparison.Ordinal));
        Assert.DoesNotContain(OutputNames(main), name => name.StartsWith("RbacManifest", StringComparison.Ordinal));
    }

    [Fact]
    public void Edit_policy_synth_warns_what_the_role_may_do_in_each_namespace_and_points_to_rbac()
    {
        var warnings = Annotations.FromStack(deployment.Stacks.Main).FindWarning("*", Match.AnyValue());

        var warning = Assert.Single(warnings);
        var text = Convert.ToString(warning.Entry.Data, System.Globalization.CultureInfo.InvariantCulture)!;
        Assert.Contains("AmazonEKSEditPolicy in every registered namespace (prod-eu (eu-west-1): default, monitoring; ", text, StringComparison.Ordinal);
        Assert.Contains("read and change every Secret", text, StringComparison.Ordinal);
        Assert.Contains("run as any service account", text, StringComparison.Ordinal);
        Assert.Contains("-c accessMode=rbac", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Alarm_topic_refuses_publishing_without_tls()
    {
        main.HasResourceProperties("AWS::SNS::TopicPolicy", Obj(
            ("Topics", new object[] { Ref(TopicId) }),
            ("PolicyDocument", Obj(("Statement", new object[]
            {
                Match.ObjectEquals(Obj(
                    ("Sid", "PublishOverTlsOnly"),
                    ("Effect", "Deny"),
                    ("Principal", Obj(("AWS", "*"))),
                    ("Action", "sns:Publish"),
                    ("Resource", Ref(TopicId)),
                    ("Condition", Obj(("Bool", Obj(("aws:SecureTransport", "false"))))))),
            })))));
    }

    [Fact]
    public void Cdk_nag_findings_are_acknowledged_on_their_resource_with_a_reason()
    {
        main.HasResource("AWS::IAM::Policy", Obj(("Metadata", Obj(("cdk_nag", Obj(("rules_to_suppress", new object[]
        {
            Match.ObjectEquals(Obj(
                ("id", "AwsSolutions-IAM5"),
                ("reason", Match.StringLikeRegexp("take no resource ARN")),
                ("applies_to", new[] { "Resource::*" }))),
        })))))));
        main.HasResource("AWS::SNS::Topic", Obj(("Metadata", Obj(("cdk_nag", Obj(("rules_to_suppress", new object[]
        {
            Match.ObjectLike(Obj(("id", "AwsSolutions-SNS2"))),
        })))))));
    }
}
