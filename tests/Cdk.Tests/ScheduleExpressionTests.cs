namespace EcrPublicLambda.Cdk.Tests;

public sealed class ScheduleExpressionTests
{
    [Theory]
    [InlineData("rate(4 hours)", 4 * 60)]
    [InlineData("rate(1 hour)", 60)]
    [InlineData("rate(1 minute)", 1)]
    [InlineData("rate(90 minutes)", 90)]
    [InlineData("rate(12 hours)", 12 * 60)]
    public void Rate_gives_the_alarm_period_of_one_interval(string expression, int minutes)
    {
        var schedule = ScheduleExpression.TryParse(expression, out var error);

        Assert.Null(error);
        Assert.NotNull(schedule);
        Assert.Equal(TimeSpan.FromMinutes(minutes), schedule.AlarmPeriod);
        // CloudWatch: period x evaluation periods at most one day.
        Assert.True(schedule.AlarmPeriod * ScheduleExpression.MissedPeriods <= TimeSpan.FromDays(1));
    }

    [Fact]
    public void Cron_gets_the_longest_window_cloudwatch_allows()
    {
        var schedule = ScheduleExpression.TryParse("cron(0 */4 * * ? *)", out var error);

        Assert.Null(error);
        Assert.Equal(TimeSpan.FromHours(12), schedule!.AlarmPeriod);
    }

    [Theory]
    [InlineData("rate(1 hours)", "must use \"hour\" for 1 and \"hours\" otherwise")]
    [InlineData("rate(2 hour)", "must use \"hour\" for 1 and \"hours\" otherwise")]
    [InlineData("rate(13 hours)", "longer than the 12-hour validity of an ECR Public token")]
    [InlineData("rate(1 day)", "longer than the 12-hour validity of an ECR Public token")]
    [InlineData("rate(0 minutes)", "is not an EventBridge schedule")]
    [InlineData("every 4 hours", "is not an EventBridge schedule")]
    [InlineData("cron(0 4 * *)", "is not an EventBridge schedule")]
    public void Unusable_schedules_are_refused_with_the_reason(string expression, string reason)
    {
        var schedule = ScheduleExpression.TryParse(expression, out var error);

        Assert.Null(schedule);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.StartsWith($"\"{expression}\"", error, StringComparison.Ordinal);
    }
}
