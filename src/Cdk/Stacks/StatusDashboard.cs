using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK;
using Constructs;
using EcrPublicLambda.Cdk.Schedule;
using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Cdk.Stacks;

/// <summary>
/// The fleet at a glance in CloudWatch: a dashboard (runs and successful runs, Secrets written / failed / conflict /
/// removed, run duration against the timeout, the last successful run, the failing clusters from the per-cluster report
/// lines, event 410, through Logs Insights: no per-cluster metric dimension, as each custom metric is billed and a fleet
/// has hundreds of clusters), and the alarm on the oldest Secret a refresh found before writing.
/// </summary>
internal static class StatusDashboard
{
    /// <summary>The oldest-Secret alarm's bound never goes below this: a healthy Secret is rewritten every run.</summary>
    internal static readonly TimeSpan MinOldestSecretBound = TimeSpan.FromHours(6);

    /// <summary>Nor above this: an ECR Public password lives 12 hours, so by then pulls fail.</summary>
    internal static readonly TimeSpan MaxOldestSecretBound = TimeSpan.FromHours(12);

    /// <summary>
    /// The bound on the oldest Secret: the schedule's longest gap plus two hours (a run that follows a missed one sees
    /// Secrets about two gaps old), kept between <see cref="MinOldestSecretBound"/> and <see cref="MaxOldestSecretBound"/>.
    /// </summary>
    internal static TimeSpan OldestSecretBound(ScheduleExpression schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var bound = schedule.LongestGap + TimeSpan.FromHours(2);
        return bound < MinOldestSecretBound ? MinOldestSecretBound : bound > MaxOldestSecretBound ? MaxOldestSecretBound : bound;
    }

    /// <summary>Declares the alarm, the dashboard and its URL as the stack output <c>DashboardUrl</c>; gives the alarm (for the alarm topic).</summary>
    internal static Alarm Declare(Stack stack, Function function, ILogGroup logGroup, ScheduleExpression schedule, Duration timeout)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(logGroup);
        ArgumentNullException.ThrowIfNull(timeout);
        var period = Duration.Seconds(schedule.AlarmPeriod.TotalSeconds);
        var bound = OldestSecretBound(schedule);
        var oldest = new Alarm(stack, "OldestSecretAlarm", new AlarmProps
        {
            AlarmDescription = $"A refresh found one of its Secrets last written more than {ScheduleExpression.FormatDuration(bound)} before it ran "
                + $"(schedule {schedule.Expression}): runs are not reaching every namespace in time; run bootstrap status to see which",
            Metric = Metric(function, MetricNames.OldestSecretAge, "Maximum", period),
            Threshold = bound.TotalSeconds,
            ComparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD,
            EvaluationPeriods = 1,
            // No refresh in the period means no figure: the missed-run alarm watches for that.
            TreatMissingData = TreatMissingData.NOT_BREACHING,
        });

        var hour = Duration.Hours(1);
        var dashboard = new Dashboard(stack, "Dashboard", new DashboardProps
        {
            DefaultInterval = Duration.Days(7),
            Widgets =
            [
                [
                    new GraphWidget(new GraphWidgetProps
                    {
                        Title = "Runs and successful runs",
                        Left = [function.MetricInvocations(new MetricOptions { Statistic = "Sum", Period = hour, Label = "runs" }), Metric(function, MetricNames.RunSucceeded, "Sum", hour, "successful runs")],
                        Width = 12,
                    }),
                    new GraphWidget(new GraphWidgetProps
                    {
                        Title = "Secrets written / failed / conflict / removed",
                        Left =
                        [
                            Metric(function, MetricNames.SecretsWritten, "Sum", hour, "written"),
                            Metric(function, MetricNames.SecretFailures, "Sum", hour, "failed"),
                            Metric(function, MetricNames.SecretConflicts, "Sum", hour, "conflict"),
                            Metric(function, MetricNames.SecretsDeleted, "Sum", hour, "removed"),
                        ],
                        Width = 12,
                    }),
                ],
                [
                    new GraphWidget(new GraphWidgetProps
                    {
                        Title = "Run duration against the timeout",
                        Left = [Metric(function, MetricNames.DurationMs, "Maximum", hour, "run duration (ms)")],
                        LeftAnnotations = [new HorizontalAnnotation { Value = timeout.ToMilliseconds(), Label = "function timeout", Color = "#d62728" }],
                        Width = 8,
                    }),
                    new GraphWidget(new GraphWidgetProps
                    {
                        Title = "Oldest Secret before a refresh",
                        Left = [Metric(function, MetricNames.OldestSecretAge, "Maximum", hour, "oldest Secret (s)")],
                        LeftAnnotations = [new HorizontalAnnotation { Value = bound.TotalSeconds, Label = "alarm bound", Color = "#d62728" }],
                        Width = 8,
                    }),
                    new LogQueryWidget(new LogQueryWidgetProps
                    {
                        Title = "Last successful run (the time since it: now minus this)",
                        LogGroupNames = [logGroup.LogGroupName],
                        View = LogQueryVisualizationType.TABLE,
                        QueryLines =
                        [
                            $"filter {MetricNames.RunSucceeded} = 1",
                            "stats max(@timestamp) as lastSuccessfulRun",
                        ],
                        Width = 8,
                    }),
                ],
                [
                    new LogQueryWidget(new LogQueryWidgetProps
                    {
                        Title = "Failing clusters (per-cluster report lines, event 410)",
                        LogGroupNames = [logGroup.LogGroupName],
                        View = LogQueryVisualizationType.TABLE,
                        QueryLines =
                        [
                            "filter eventId = 410 and status != \"succeeded\"",
                            "stats count(*) as failedRuns, max(@timestamp) as lastFailure by cluster, region, status",
                            "sort failedRuns desc",
                            "limit 100",
                        ],
                        Width = 24,
                    }),
                ],
            ],
        });

        _ = new CfnOutput(stack, "DashboardUrl", new CfnOutputProps
        {
            Description = "The CloudWatch dashboard of the refresh runs",
            Value = $"https://{stack.Region}.console.aws.amazon.com/cloudwatch/home?region={stack.Region}#dashboards:name={dashboard.DashboardName}",
        });
        return oldest;
    }

    private static Metric Metric(Function function, string name, string statistic, Duration period, string? label = null) => new(new MetricProps
    {
        Namespace = MetricNames.Namespace,
        MetricName = name,
        DimensionsMap = new Dictionary<string, string> { ["FunctionName"] = function.FunctionName },
        Statistic = statistic,
        Period = period,
        Label = label,
    });
}
