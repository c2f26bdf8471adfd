using System.Globalization;
using System.Text.RegularExpressions;

namespace EcrPublicLambda.Cdk;

/// <summary>
/// The six fields of an EventBridge <c>cron(minutes hours day-of-month month day-of-week year)</c>, in UTC, and the
/// longest time between two of its firings. Supported as EventBridge documents them: <c>*</c>, lists, ranges, steps,
/// JAN-DEC and SUN-SAT (day-of-week 1-7 is SUN-SAT), <c>?</c> in exactly one of day-of-month and day-of-week,
/// <c>L</c>, <c>LW</c> and <c>nW</c> in day-of-month, <c>L</c>, <c>nL</c> and <c>n#k</c> in day-of-week.
/// The year must be <c>*</c>: a schedule that ends would let every Secret expire after its last run.
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
    internal static CronSchedule? TryParse(string fields, out string? error)
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

        if (parts[5] != "*")
        {
            errors.Add($"year field \"{parts[5]}\": only \"*\" is accepted (a schedule that stops would let every Secret expire after its last run)");
        }

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

    private static Func<DateOnly, bool>? ReadDayOfMonth(string text, List<string> errors)
    {
        if (text == "L")
        {
            return day => day.Day == DaysIn(day);
        }

        if (text == "LW")
        {
            return day => day.Day == NearestWeekday(DaysIn(day), day);
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
            errors.Add($"day-of-month field \"{text}\": \"L\", \"LW\" and \"nW\" (the weekday nearest day n) must stand alone");
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

        var special = SpecialDayOfWeekPattern().Match(text);
        if (special.Success)
        {
            var weekday = field.ReadValue(special.Groups["day"].Value, out var reason);
            if (weekday is null)
            {
                errors.Add($"day-of-week field \"{text}\": {reason}");
                return null;
            }

            var dayOfWeek = (DayOfWeek)(weekday.Value - 1);
            if (!special.Groups["nth"].Success)
            {
                // nL: the last such weekday of the month.
                return day => day.DayOfWeek == dayOfWeek && day.Day + 7 > DaysIn(day);
            }

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
            errors.Add($"day-of-week field \"{text}\": \"L\", \"nL\" (the last day n of the month) and \"n#k\" (the k-th day n) must stand alone");
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

    [GeneratedRegex(@"^(?<day>[0-9]|[A-Za-z]{3})(L|#(?<nth>[0-9]))$", RegexOptions.CultureInvariant)]
    private static partial Regex SpecialDayOfWeekPattern();
}
