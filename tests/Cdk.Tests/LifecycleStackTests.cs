using Amazon.CDK.Assertions;
using EcrPublicLambda.Cdk.Schedule;
using static EcrPublicLambda.Cdk.Tests.TemplateJson;

namespace EcrPublicLambda.Cdk.Tests;

/// <summary>What keeps Secrets from expiring unnoticed: no Lambda retries, one record per failed run, an alarm within 8 h.</summary>
public sealed class LifecycleStackTests(EditPolicyDeployment deployment) : IClassFixture<EditPolicyDeployment>
{
    private readonly Template main = deployment.Main;

    private string FunctionId => LogicalId(main, "AWS::Lambda::Function");

    private string QueueId => LogicalId(main, "AWS::SQS::Queue");

    private (Template Main, Template Lifecycle) WithSchedule(string expression)
    {
        var schedule = ScheduleExpression.TryParse(expression, ScheduleExpressionTests.SynthDate, out var error) ?? throw new InvalidOperationException(error);
        return deployment.With(deployment.Settings with { Schedule = schedule, AlarmEmail = null });
    }

    [Fact]
    public void Asynchronous_invocations_are_not_retried_and_failures_go_to_the_queue()
    {
        main.ResourceCountIs("AWS::Lambda::EventInvokeConfig", 1);
        main.HasResourceProperties("AWS::Lambda::EventInvokeConfig", Match.ObjectEquals(Obj(
            ("FunctionName", Ref(FunctionId)),
            ("Qualifier", "$LATEST"),
            ("MaximumRetryAttempts", 0),
            ("DestinationConfig", Obj(("OnFailure", Obj(("Destination", GetAtt(QueueId, "Arn")))))))));
    }

    [Fact]
    public void Failure_queue_is_encrypted_keeps_records_fourteen_days_and_is_destroyed_with_the_stack()
    {
        main.ResourceCountIs("AWS::SQS::Queue", 1);
        main.HasResource("AWS::SQS::Queue", Obj(
            ("Properties", Match.ObjectEquals(Obj(("SqsManagedSseEnabled", true), ("MessageRetentionPeriod", 14 * 24 * 3600)))),
            ("DeletionPolicy", "Delete")));
    }

    [Fact]
    public void Failure_queue_refuses_requests_without_tls()
    {
        var statements = new Capture();
        main.HasResourceProperties("AWS::SQS::QueuePolicy", Obj(
            ("Queues", new object[] { Ref(QueueId) }),
            ("PolicyDocument", Obj(("Statement", statements)))));
        var statement = Assert.Single(statements.AsArray().Cast<IDictionary<string, object>>());
        Assert.Equal("Deny", statement["Effect"]);
        Assert.Equal("sqs:*", statement["Action"]);
        Assert.Equal("false", ((IDictionary<string, object>)((IDictionary<string, object>)statement["Condition"])["Bool"])["aws:SecureTransport"]);
    }

    [Fact]
    public void Function_is_created_after_its_policy_so_lambda_can_check_the_destination_permission()
    {
        var dependsOn = new Capture();
        main.HasResource("AWS::Lambda::Function", Obj(("DependsOn", dependsOn)));
        Assert.Contains(DefaultPolicyId(main), dependsOn.AsArray().Cast<string>());
        // The invoke config names the function, so it comes after it.
        main.HasResourceProperties("AWS::Lambda::EventInvokeConfig", Obj(("FunctionName", Ref(FunctionId))));
    }

    [Fact]
    public void Output_gives_the_failure_queue_url()
    {
        main.HasOutput("FailedRunsQueueUrl", Obj(("Value", Ref(QueueId)), ("Description", Match.StringLikeRegexp("receive-message"))));
    }

    [Theory]
    [InlineData("cron(0 */4 * * ? *)", 3600, 7)]
    [InlineData("cron(*/30 * * * ? *)", 420, 7)]
    [InlineData("cron(0 0-18/6 * * ? *)", 3600, 7)]
    [InlineData("rate(1 minute)", 60, 1)]
    [InlineData("rate(6 hours)", 3600, 7)]
    public void Missed_run_alarm_follows_the_schedule_longest_gap(string expression, int period, int periods)
    {
        var (template, lifecycle) = WithSchedule(expression);

        lifecycle.HasResourceProperties("AWS::Events::Rule", Obj(("ScheduleExpression", expression)));
        var description = new Capture();
        template.HasResourceProperties("AWS::CloudWatch::Alarm", Obj(
            ("MetricName", "RunSucceeded"),
            ("Period", period),
            ("EvaluationPeriods", periods),
            ("DatapointsToAlarm", periods),
            ("TreatMissingData", "breaching"),
            ("AlarmDescription", description)));
        Assert.Contains($"(schedule {expression}, at most ", description.AsString(), StringComparison.Ordinal);
        // Fires at most a period after the window: within two gaps and 8 h of the last success.
        var gap = ScheduleExpression.TryParse(expression, ScheduleExpressionTests.SynthDate, out _)!.LongestGap;
        var latest = TimeSpan.FromSeconds(period * (periods + 1));
        Assert.True(latest <= gap * 2 && latest <= TimeSpan.FromHours(8));
    }
}
