using System.Globalization;
using System.Text.RegularExpressions;

namespace EcrPublicLambda.Cdk.Schedule;

/// <summary>
/// The EventBridge schedule (context <c>schedule</c>), the longest time it leaves between two runs, and the window of
/// the "no successful run" alarm derived from that gap.
/// </summary>
internal sealed partial record ScheduleExpression(string Expression, TimeSpan LongestGap)
{
    internal const string Default = "rate(4 hours)";

    /// <summary>
    /// Half the 12-hour life of an ECR Public token: with runs at most this far apart, one missed run still leaves every
    /// Secret valid until the next.
    /// </summary>
    internal static readonly TimeSpan MaxGap = TimeSpan.FromHours(6);

    /// <summary>The missed-run alarm fires at most this long after the last successful run: 4 hours before its token expires.</summary>
    internal static readonly TimeSpan MaxAlarmDelay = TimeSpan.FromHours(8);

    /// <summary>The alarm period is this fraction of its longest delay (in whole minutes: the metric has standard, 60-second, resolution).</summary>
    private const int PeriodsPerDelay = 8;

    private static readonly TimeSpan MinAlarmPeriod = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The longest the alarm may wait after the last successful run: two gaps (two missed runs), at most
    /// <see cref="MaxAlarmDelay"/>.
    /// </summary>
    internal TimeSpan AlarmDelay => LongestGap * 2 < MaxAlarmDelay ? LongestGap * 2 : MaxAlarmDelay;

    /// <summary>The alarm period: an eighth of <see cref="AlarmDelay"/>, in whole minutes, at least one.</summary>
    internal TimeSpan AlarmPeriod
    {
        get
        {
            var minutes = (long)(AlarmDelay / PeriodsPerDelay / MinAlarmPeriod);
            return minutes < 1 ? MinAlarmPeriod : MinAlarmPeriod * minutes;
        }
    }

    /// <summary>
    /// Evaluation periods (all breaching to alarm; no data breaches): the alarm evaluates at period ends, so it fires
    /// at most one period after the window of <see cref="MissedPeriods"/> empty periods, and period x (periods + 1)
    /// stays within <see cref="AlarmDelay"/>. The window is still at least the longest gap: a healthy schedule has a
    /// success in every window.
    /// </summary>
    internal int MissedPeriods => Math.Max(1, (int)(AlarmDelay / AlarmPeriod) - 1);

    /// <summary>
    /// Parses a schedule as of <paramref name="today"/> (the synth date: a cron year field must hold every year from
    /// then on); returns null and sets <paramref name="error"/> (without a path) when it is not usable.
    /// </summary>
    internal static ScheduleExpression? TryParse(string expression, DateOnly today, out string? error)
    {
        ArgumentNullException.ThrowIfNull(expression);
        error = null;
        TimeSpan gap;
        var rate = RatePattern().Match(expression);
        var cron = CronPattern().Match(expression);
        if (rate.Success)
        {
            var value = int.Parse(rate.Groups["value"].Value, CultureInfo.InvariantCulture);
            var unit = rate.Groups["unit"].Value;
            var singular = unit.TrimEnd('s');
            var plural = unit != singular;
            if (plural != (value != 1))
            {
                // EventBridge rejects "rate(1 hours)" and "rate(2 hour)" at deploy time: say it at synth.
                error = $"\"{expression}\" must use \"{singular}\" for 1 and \"{singular}s\" otherwise";
                return null;
            }

            gap = singular switch
            {
                "minute" => TimeSpan.FromMinutes(value),
                "hour" => TimeSpan.FromHours(value),
                _ => TimeSpan.FromDays(value),
            };
        }
        else if (cron.Success)
        {
            var schedule = CronSchedule.TryParse(cron.Groups["fields"].Value, today, out var cronError);
            if (schedule is null)
            {
                error = $"\"{expression}\": {cronError}";
                return null;
            }

            if (schedule.LongestGap() is not { } longest)
            {
                error = $"\"{expression}\" never fires";
                return null;
            }

            gap = longest;
        }
        else
        {
            error = $"\"{expression}\" is not an EventBridge schedule (expected e.g. \"rate(4 hours)\" or \"cron(0 */4 * * ? *)\")";
            return null;
        }

        if (gap > MaxGap)
        {
            error = $"\"{expression}\" leaves up to {FormatDuration(gap)} between runs; at most {FormatDuration(MaxGap)} is allowed "
                + "(half the 12-hour life of an ECR Public token, so that one missed run cannot let Secrets expire)";
            return null;
        }

        return new ScheduleExpression(expression, gap);
    }

    /// <summary>A duration for a message: <c>45 min</c>, <c>6 h</c>, <c>6 h 1 min</c>, <c>60 h</c>, <c>7 days</c>, <c>4 days 12 h</c>.</summary>
    internal static string FormatDuration(TimeSpan duration)
    {
        var parts = new List<string>();
        var hours = (long)duration.TotalHours;
        if (hours >= 72)
        {
            parts.Add($"{duration.Days} days");
            hours = duration.Hours;
        }

        if (hours > 0)
        {
            parts.Add($"{hours} h");
        }

        if (duration.Minutes > 0 || parts.Count == 0)
        {
            parts.Add($"{duration.Minutes} min");
        }

        return string.Join(' ', parts);
    }

    [GeneratedRegex(@"^rate\((?<value>[1-9][0-9]{0,5}) (?<unit>minutes?|hours?|days?)\)$", RegexOptions.CultureInvariant)]
    private static partial Regex RatePattern();

    [GeneratedRegex(@"^cron\((?<fields>[^()]*)\)$", RegexOptions.CultureInvariant)]
    private static partial Regex CronPattern();
}
