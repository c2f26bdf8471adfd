using Amazon.CDK.Assertions;
using EcrPublicLambda.Cdk.Access;
using EcrPublicLambda.Cdk.Schedule;
using static EcrPublicLambda.Cdk.Tests.TemplateJson;

namespace EcrPublicLambda.Cdk.Tests;

public sealed class RbacStackTests(RbacDeployment deployment) : IClassFixture<RbacDeployment>
{
    private readonly Template main = deployment.Main;

    private string FunctionId => LogicalId(main, "AWS::Lambda::Function");

    [Fact]
    public void Env_agnostic_main_stack_puts_every_same_account_access_entry_in_a_stack_of_the_cluster_region()
    {
        main.ResourceCountIs("AWS::EKS::AccessEntry", 0);
        Assert.Equal(["eu-west-1", "us-east-1"], deployment.Regional.Keys.Order());
        Assert.All(deployment.Stacks.Regional, stack => Assert.Contains(deployment.Stacks.Main, stack.Dependencies));
        Assert.Equal(
            ["pinned", "prod-eu"],
            Properties(deployment.Regional["eu-west-1"], "AWS::EKS::AccessEntry").Select(p => (string)p["ClusterName"]).Order());
        Assert.Equal("Refresher-Access-eu-west-1", deployment.Stacks.Regional.Single(s => s.Region == "eu-west-1").StackName);
    }

    [Fact]
    public void Rbac_access_entries_name_the_kubernetes_group_and_carry_no_access_policy()
    {
        foreach (var (region, cluster) in new[] { ("eu-west-1", TestFleet.ProdEu), ("eu-west-1", TestFleet.Pinned), ("us-east-1", TestFleet.ProdUs) })
        {
            deployment.Regional[region].HasResourceProperties("AWS::EKS::AccessEntry", Match.ObjectEquals(Obj(
                ("ClusterName", cluster.Name),
                ("PrincipalArn", Join("arn:", Partition, ":iam::", AccountId, ":role/Refresher-Function")),
                ("Type", "STANDARD"),
                ("KubernetesGroups", new[] { "ecr-public-lambda" }))));
        }
    }

    [Fact]
    public void Schedule_context_overrides_the_rule_and_the_missed_run_alarm_period()
    {
        deployment.Lifecycle.HasResourceProperties("AWS::Events::Rule", Obj(("ScheduleExpression", "rate(30 minutes)")));
        main.HasResourceProperties("AWS::CloudWatch::Alarm", Obj(
            ("MetricName", "RunSucceeded"),
            // rate(30 minutes): fires within 2 x 30 min of the last success, so 7 periods of 7 min (+ the one it began in).
            ("Period", 420),
            ("EvaluationPeriods", 7),
            ("DatapointsToAlarm", 7)));
    }

    [Fact]
    public void Without_alarm_email_there_is_no_topic_and_no_alarm_action()
    {
        main.ResourceCountIs("AWS::SNS::Topic", 0);
        main.ResourceCountIs("AWS::SNS::Subscription", 0);
        main.ResourceCountIs("AWS::CloudWatch::Alarm", 4);
        Assert.All(Properties(main, "AWS::CloudWatch::Alarm"), alarm => Assert.False(alarm.ContainsKey("AlarmActions")));
    }

    [Fact]
    public void Stack_name_context_names_the_stack_and_the_role()
    {
        Assert.Equal("Refresher", deployment.Stacks.Main.StackName);
        main.HasResourceProperties("AWS::IAM::Role", Obj(("RoleName", "Refresher-Function")));
    }

    [Fact]
    public void Outputs_point_at_each_cluster_rbac_manifest_and_the_invoke_line_uses_the_deploy_region()
    {
        var clusters = deployment.Settings.Fleet.Clusters;
        for (var i = 0; i < clusters.Count; i++)
        {
            main.HasOutput($"RbacManifest{i}", Obj(("Value", $"kubectl apply -f cdk.out/{RbacManifest.FileName(clusters[i])} (in cluster {clusters[i].Name}, {clusters[i].Region})")));
        }

        main.HasOutput("InvokeCommand", Obj(("Value", Join(
            "aws lambda invoke --function-name ",
            Ref(FunctionId),
            " --region ",
            Ref("AWS::Region"),
            " --payload '{}' --cli-binary-format raw-in-base64-out /dev/stdout"))));
    }

    [Fact]
    public void Cross_account_output_asks_for_the_kubernetes_group_in_rbac_mode()
    {
        var value = new Capture();
        main.HasOutput("TargetRole3", Obj(("Value", Obj(("Fn::Join", new object[] { string.Empty, value })))));
        var parts = value.AsArray();
        Assert.EndsWith("needs an access entry for it with kubernetes group ecr-public-lambda (then apply rbac-partner-eu-west-1.yaml)", (string)parts[^1]);
    }

    [Fact]
    public void Rbac_synth_has_no_warning()
    {
        Assert.Empty(Annotations.FromStack(deployment.Stacks.Main).FindWarning("*", Match.AnyValue()));
    }

    [Fact]
    public void Arm64_function_declares_its_architecture()
    {
        main.HasResourceProperties("AWS::Lambda::Function", Obj(("Architectures", new[] { "arm64" })));
    }

    [Fact]
    public void Log_level_context_sets_the_application_and_system_levels_of_the_json_log_format()
    {
        main.HasResourceProperties("AWS::Lambda::Function", Obj(("LoggingConfig", Obj(
            ("LogFormat", "JSON"),
            ("ApplicationLogLevel", "WARN"),
            ("SystemLogLevel", "DEBUG")))));
    }
}
