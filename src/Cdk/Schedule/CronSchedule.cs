using System.Globalization;
using System.Text.RegularExpressions;

namespace EcrPublicLambda.Cdk.Schedule;

/// <summary>
/// The six fields of an EventBridge <c>cron(minutes hours day-of-month month day-of-week year)</c>, in UTC, and the
/// longest time between two of its firings. Exactly the wildcards the EventBridge cron reference lists per field
/// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html): <c>, - * /</c> in minutes,
/// hours, month and year; <c>, - * ? / L W</c> in day-of-month (<c>L</c> and <c>nW</c>); <c>, - * ? L #</c> in
/// day-of-week (<c>L</c> and <c>n#k</c>, no <c>/</c>); JAN-DEC and SUN-SAT (day-of-week 1-7 is SUN-SAT); <c>?</c> in
/// exactly one of day-of-month and day-of-week. Forms the reference does not list (<c>LW</c>, <c>nL</c>, <c>L-n</c>)
/// are refused. The year field must fire every year from the synth year to 2199, as <c>*</c> does from then on: a
/// schedule that stops or skips a year would let every Secret expire.
/// </summary>
internal sealed partial class CronSchedule
{
    /// <summary>
    /// 2001-01-01 to 2028-12-31: after these 28 years (10,227 days, 1,461 weeks) dates and weekdays repeat, so the
    /// gaps over this cycle, wrapping from its last firing to its first, are the schedule's gaps for every year to 2099.
    /// </summary>
    private static readonly DateOnly CycleStart = new(2001, 1, 1);

    private const int CycleDays = 10_227;

    private readonly int[] timesOfDay;
    private readonly Func<DateOnly, bool> matchesDay;

    private CronSchedule(int[] timesOfDay, Func<DateOnly, bool> matchesDay)
    {
        this.timesOfDay = timesOfDay;
        this.matchesDay = matchesDay;
    }

    /// <summary>
    /// Parses the fields (the text between <c>cron(</c> and <c>)</c>); null with <paramref name="error"/> naming each
    /// bad field when they are not a valid EventBridge cron expression.
    /// </summary>
    internal static CronSchedule? TryParse(string fields, DateOnly today, out string? error)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var parts = fields.Split(' ');
        if (parts.Length != 6 || parts.Any(part => part.Length == 0))
        {
            error = "expected six fields separated by single spaces: minutes hours day-of-month month day-of-week year";
            return null;
        }

        var errors = new List<string>();
        var minutes = Read(CronField.Minutes(), parts[0], errors);
        var hours = Read(CronField.Hours(), parts[1], errors);
        var month = Read(CronField.Month(), parts[3], errors);
        var (domText, dowText) = (parts[2], parts[4]);
        Func<DateOnly, bool>? dayRule = null;
        if ((domText == "?") == (dowText == "?"))
        {
            errors.Add($"day-of-month \"{domText}\" and day-of-week \"{dowText}\": exactly one of them must be \"?\"");
        }
        else
        {
            dayRule = domText == "?" ? ReadDayOfWeek(dowText, errors) : ReadDayOfMonth(domText, errors);
        }

        ReadYear(parts[5], today, errors);

        if (errors.Count > 0)
        {
            error = string.Join("; ", errors);
            return null;
        }

        int[] times = [.. hours.Values().SelectMany(hour => minutes.Values().Select(minute => (hour * 60) + minute))];
        error = null;
        return new CronSchedule(times, day => month.Contains(day.Month) && dayRule!(day));
    }

    /// <summary>Whether it fires (at its times of day) on <paramref name="day"/>.</summary>
    internal bool FiresOn(DateOnly day) => matchesDay(day);

    /// <summary>The longest time between two consecutive firings, from the last of a cycle to the first of the next included; null when it never fires.</summary>
    internal TimeSpan? LongestGap()
    {
        int? first = null, previous = null;
        var longestDays = 0;
        for (var day = 0; day < CycleDays; day++)
        {
            if (!FiresOn(CycleStart.AddDays(day)))
            {
                continue;
            }

            first ??= day;
            if (previous is { } p)
            {
                longestDays = Math.Max(longestDays, day - p);
            }

            previous = day;
        }

        if (first is null)
        {
            return null;
        }

        longestDays = Math.Max(longestDays, first.Value + CycleDays - previous!.Value);

        // Between two firing days d1 < d2: from the day's last time on d1 to its first time on d2.
        var acrossDays = (longestDays * 24 * 60) - (timesOfDay[^1] - timesOfDay[0]);
        var withinDay = timesOfDay.Zip(timesOfDay.Skip(1), (a, b) => b - a).DefaultIfEmpty(0).Max();
        return TimeSpan.FromMinutes(Math.Max(acrossDays, withinDay));
    }

    private static CronField Read(CronField field, string text, List<string> errors)
    {
        if (!field.TryRead(text, out var error))
        {
            errors.Add(error!);
        }

        return field;
    }

    /// <summary>
    /// The year field (1970-2199, <c>, - * /</c>): accepted when it holds every year from <paramref name="today"/>'s to
    /// 2199, so that from the synth date on it fires exactly as <c>*</c> does (<c>*</c>, <c>2020-2199</c>, <c>2026/1</c>).
    /// </summary>
    private static void ReadYear(string text, DateOnly today, List<string> errors)
    {
        var field = CronField.Year();
        if (!field.TryRead(text, out var error))
        {
            errors.Add(error!);
            return;
        }

        var first = Math.Max(today.Year, field.Min);
        var skipped = Enumerable.Range(first, Math.Max(0, field.Max - first + 1)).Where(year => !field.Contains(year)).Take(1).ToList();
        if (skipped is [var missing])
        {
            errors.Add($"year field \"{text}\": it skips {missing}; only a field that holds every year from {first} to {field.Max} "
                + "(such as \"*\") is accepted (a schedule that stops would let every Secret expire after its last run)");
        }
    }

    private static Func<DateOnly, bool>? ReadDayOfMonth(string text, List<string> errors)
    {
        if (text == "L")
        {
            return day => day.Day == DaysIn(day);
        }

        var field = CronField.DayOfMonth();
        var weekday = NearestWeekdayPattern().Match(text);
        if (weekday.Success)
        {
            var target = field.ReadValue(weekday.Groups["day"].Value, out var reason);
            if (target is null)
            {
                errors.Add($"day-of-month field \"{text}\": {reason}");
                return null;
            }

            return day => target <= DaysIn(day) && day.Day == NearestWeekday(target.Value, day);
        }

        if (text.Contains('L', StringComparison.Ordinal) || text.Contains('W', StringComparison.Ordinal))
        {
            errors.Add($"day-of-month field \"{text}\": \"L\" (the last day of the month) and \"nW\" (the weekday nearest day n) must stand alone; "
                + "EventBridge's reference lists no other use of L or W");
            return null;
        }

        var count = errors.Count;
        var plain = Read(field, text, errors);
        return errors.Count == count ? day => plain.Contains(day.Day) : null;
    }

    private static Func<DateOnly, bool>? ReadDayOfWeek(string text, List<string> errors)
    {
        var field = CronField.DayOfWeek();
        if (text == "L")
        {
            // The last day of the week: Saturday (7).
            return day => day.DayOfWeek == DayOfWeek.Saturday;
        }

        var special = NthDayOfWeekPattern().Match(text);
        if (special.Success)
        {
            var weekday = field.ReadValue(special.Groups["day"].Value, out var reason);
            if (weekday is null)
            {
                errors.Add($"day-of-week field \"{text}\": {reason}");
                return null;
            }

            var dayOfWeek = (DayOfWeek)(weekday.Value - 1);
            var nth = int.Parse(special.Groups["nth"].Value, CultureInfo.InvariantCulture);
            if (nth is < 1 or > 5)
            {
                errors.Add($"day-of-week field \"{text}\": the week in \"#{nth}\" is not 1-5");
                return null;
            }

            return day => day.DayOfWeek == dayOfWeek && ((day.Day - 1) / 7) + 1 == nth;
        }

        if (text.Contains('L', StringComparison.Ordinal) || text.Contains('#', StringComparison.Ordinal))
        {
            errors.Add($"day-of-week field \"{text}\": \"L\" (the last day of the week) and \"n#k\" (the k-th day n of the month) must stand alone; "
                + "EventBridge's reference lists no other use of L or #");
            return null;
        }

        var count = errors.Count;
        var plain = Read(field, text, errors);
        return errors.Count == count ? day => plain.Contains((int)day.DayOfWeek + 1) : null;
    }

    private static int DaysIn(DateOnly day) => DateTime.DaysInMonth(day.Year, day.Month);

    /// <summary>The weekday (Monday-Friday) of <paramref name="day"/>'s month nearest to its day <paramref name="target"/>, never in another month.</summary>
    private static int NearestWeekday(int target, DateOnly day)
    {
        var date = new DateOnly(day.Year, day.Month, target);
        return date.DayOfWeek switch
        {
            DayOfWeek.Saturday => target == 1 ? 3 : target - 1,
            DayOfWeek.Sunday => target == DaysIn(day) ? target - 2 : target + 1,
            _ => target,
        };
    }

    [GeneratedRegex(@"^(?<day>[0-9]{1,2})W$", RegexOptions.CultureInvariant)]
    private static partial Regex NearestWeekdayPattern();

    [GeneratedRegex(@"^(?<day>[0-9]|[A-Za-z]{3})#(?<nth>[0-9])$", RegexOptions.CultureInvariant)]
    private static partial Regex NthDayOfWeekPattern();
}
