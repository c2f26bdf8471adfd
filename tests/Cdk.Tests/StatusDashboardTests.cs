using System.Text.Json;
using Amazon.CDK.Assertions;
using EcrPublicLambda.Cdk.Schedule;
using EcrPublicLambda.Cdk.Stacks;
using static EcrPublicLambda.Cdk.Tests.TemplateJson;

namespace EcrPublicLambda.Cdk.Tests;

/// <summary>The CloudWatch dashboard and the oldest-Secret alarm in the synthesized template (only the template's shape can be checked here).</summary>
public sealed class StatusDashboardTests(EditPolicyDeployment deployment) : IClassFixture<EditPolicyDeployment>
{
    private readonly Template main = deployment.Main;

    private string DashboardBody
    {
        get
        {
            var dashboard = Assert.Single(main.FindResources("AWS::CloudWatch::Dashboard")).Value;
            return JsonSerializer.Serialize(dashboard);
        }
    }

    [Theory]
    [InlineData("Runs and successful runs", "\\u0022Invocations\\u0022", "RunSucceeded")]
    [InlineData("Secrets written / failed / conflict / removed", "SecretsWritten", "SecretFailures", "SecretConflicts", "SecretsDeleted")]
    [InlineData("Run duration against the timeout", "DurationMs", "\\u0022value\\u0022:300000", "function timeout")]
    [InlineData("Last successful run", "filter RunSucceeded = 1", "max(@timestamp)")]
    [InlineData("Failing clusters (per-cluster report lines, event 410)", "filter eventId = 410 and status != \\u0027succeeded\\u0027", "by cluster, region")]
    [InlineData("Oldest Secret before a refresh", "OldestSecretAge", "alarm bound")]
    public void Dashboard_has_the_widget(string title, params string[] contents)
    {
        var body = DashboardBody.Replace("\\\"", "\\u0022", StringComparison.Ordinal).Replace("\\\\\\u0022", "\\u0027", StringComparison.Ordinal);
        Assert.Contains(title, body, StringComparison.Ordinal);
        foreach (var content in contents)
        {
            Assert.Contains(content, body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Dashboard_metrics_have_no_per_cluster_dimension()
    {
        var body = DashboardBody;
        foreach (var cluster in EditPolicyDeployment.Defaults.Fleet.Clusters)
        {
            Assert.DoesNotContain($"\\\"{cluster.Name}\\\"", body, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("\\\"Cluster\\\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Dashboard_url_is_a_stack_output()
    {
        var value = new Capture();
        main.HasOutput("DashboardUrl", Obj(("Value", value)));
        var text = JsonSerializer.Serialize(value.AsObject());
        Assert.Contains("console.aws.amazon.com/cloudwatch/home?region=", text, StringComparison.Ordinal);
        Assert.Contains("#dashboards:name=", text, StringComparison.Ordinal);
        Assert.Contains(LogicalId(main, "AWS::CloudWatch::Dashboard"), text, StringComparison.Ordinal);
    }

    [Fact]
    public void Oldest_secret_alarm_fires_above_six_hours_under_the_default_schedule_and_notifies_the_topic()
    {
        main.HasResourceProperties("AWS::CloudWatch::Alarm", Obj(
            ("Namespace", "EcrPublicLambda"),
            ("MetricName", "OldestSecretAge"),
            ("Dimensions", new object[] { Obj(("Name", "FunctionName"), ("Value", Ref(LogicalId(main, "AWS::Lambda::Function")))) }),
            ("Statistic", "Maximum"),
            ("Threshold", 6 * 3600),
            ("ComparisonOperator", "GreaterThanThreshold"),
            ("EvaluationPeriods", 1),
            ("TreatMissingData", "notBreaching"),
            ("AlarmActions", new object[] { Ref(LogicalId(main, "AWS::SNS::Topic")) })));
    }

    [Theory]
    [InlineData("rate(30 minutes)", 6)]
    [InlineData("rate(4 hours)", 6)]
    [InlineData("rate(5 hours)", 7)]
    [InlineData("rate(6 hours)", 8)]
    public void Oldest_secret_bound_is_the_longest_gap_plus_two_hours_between_6_and_12_hours(string schedule, int hours)
    {
        var bound = StatusDashboard.OldestSecretBound(ScheduleExpression.TryParse(schedule, ScheduleExpressionTests.SynthDate, out _)!);

        Assert.Equal(TimeSpan.FromHours(hours), bound);
        Assert.InRange(bound, TimeSpan.FromHours(6), TimeSpan.FromHours(12));
    }
}
