using System.Globalization;
using System.Text.RegularExpressions;

namespace EcrPublicLambda.Cdk;

/// <summary>
/// The EventBridge schedule (context <c>schedule</c>) and the window of the "no successful run" alarm derived from it.
/// </summary>
internal sealed partial record ScheduleExpression(string Expression, TimeSpan? Interval)
{
    internal const string Default = "rate(4 hours)";

    /// <summary>An ECR Public token is valid for 12 hours: a longer interval leaves Secrets expired between runs.</summary>
    internal static readonly TimeSpan MaxInterval = TimeSpan.FromHours(12);

    /// <summary>CloudWatch caps an alarm's period x evaluation periods at one day.</summary>
    private static readonly TimeSpan MaxAlarmWindow = TimeSpan.FromDays(1);

    /// <summary>Evaluation periods of the "no successful run" alarm: it fires after this many schedule periods without success.</summary>
    internal const int MissedPeriods = 2;

    /// <summary>
    /// The alarm period: one schedule interval for <c>rate(...)</c> (so 2 periods = 2 runs); for <c>cron(...)</c>, whose
    /// interval is not known here, the longest that fits CloudWatch's one-day window.
    /// </summary>
    internal TimeSpan AlarmPeriod => Interval ?? MaxAlarmWindow / MissedPeriods;

    /// <summary>Parses a schedule; returns null and sets <paramref name="error"/> (without a path) when it is not usable.</summary>
    internal static ScheduleExpression? TryParse(string expression, out string? error)
    {
        ArgumentNullException.ThrowIfNull(expression);
        error = null;
        var rate = RatePattern().Match(expression);
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

            var interval = singular switch
            {
                "minute" => TimeSpan.FromMinutes(value),
                "hour" => TimeSpan.FromHours(value),
                _ => TimeSpan.FromDays(value),
            };
            if (interval > MaxInterval)
            {
                error = $"\"{expression}\" is longer than the 12-hour validity of an ECR Public token; Secrets would expire between runs";
                return null;
            }

            return new ScheduleExpression(expression, interval);
        }

        if (CronPattern().IsMatch(expression))
        {
            return new ScheduleExpression(expression, null);
        }

        error = $"\"{expression}\" is not an EventBridge schedule (expected e.g. \"rate(4 hours)\" or \"cron(0 */4 * * ? *)\")";
        return null;
    }

    [GeneratedRegex(@"^rate\((?<value>[1-9][0-9]{0,5}) (?<unit>minutes?|hours?|days?)\)$", RegexOptions.CultureInvariant)]
    private static partial Regex RatePattern();

    [GeneratedRegex(@"^cron\(\S+( \S+){5}\)$", RegexOptions.CultureInvariant)]
    private static partial Regex CronPattern();
}
