using System.Globalization;

namespace EcrPublicLambda.Cdk.Schedule;

/// <summary>
/// One plain field of an EventBridge cron expression (minutes, hours, day-of-month, month, day-of-week or year without
/// <c>L</c>, <c>W</c> or <c>#</c>): a comma-separated list of <c>*</c>, <c>a</c>, <c>a-b</c>, and where the field takes
/// the <c>/</c> wildcard <c>*/n</c>, <c>a/n</c> or <c>a-b/n</c>; values as numbers or, where the field has them, names
/// (JAN-DEC, SUN-SAT). The wildcards per field are those of the EventBridge cron reference
/// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html): every field but day-of-week
/// takes <c>/</c>.
/// </summary>
internal sealed class CronField
{
    internal static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

    /// <summary>EventBridge numbers the days of the week 1-7 from Sunday.</summary>
    internal static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private readonly bool[] values;

    private CronField(string name, int min, int max, string[]? names, bool takesStep = true)
    {
        Name = name;
        Min = min;
        Max = max;
        Names = names;
        TakesStep = takesStep;
        values = new bool[max + 1];
    }

    internal string Name { get; }

    internal int Min { get; }

    internal int Max { get; }

    private string[]? Names { get; }

    /// <summary>Whether the field takes the <c>/</c> (increments) wildcard.</summary>
    private bool TakesStep { get; }

    internal static CronField Minutes() => new("minutes", 0, 59, null);

    internal static CronField Hours() => new("hours", 0, 23, null);

    internal static CronField DayOfMonth() => new("day-of-month", 1, 31, null);

    internal static CronField Month() => new("month", 1, 12, MonthNames);

    /// <summary>The reference lists <c>, - * ? L #</c> for day-of-week: no <c>/</c>.</summary>
    internal static CronField DayOfWeek() => new("day-of-week", 1, 7, DayNames, takesStep: false);

    internal static CronField Year() => new("year", 1970, 2199, null);

    internal bool Contains(int value) => value >= Min && value <= Max && values[value];

    /// <summary>The values in ascending order.</summary>
    internal IEnumerable<int> Values() => Enumerable.Range(Min, Max - Min + 1).Where(Contains);

    /// <summary>Reads <paramref name="text"/> into this field; returns false and sets <paramref name="error"/> (naming the field) when it is not valid.</summary>
    internal bool TryRead(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var item in text.Split(','))
        {
            if (!TryReadItem(item, out var reason))
            {
                error = $"{Name} field \"{text}\": {reason}";
                return false;
            }
        }

        error = null;
        return true;
    }

    /// <summary>One value (a number in range, or a name where the field has names); null with <paramref name="reason"/> otherwise.</summary>
    internal int? ReadValue(string text, out string? reason)
    {
        reason = null;
        if (text.Length > 0 && text.All(char.IsAsciiDigit))
        {
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= Min && number <= Max)
            {
                return number;
            }

            reason = $"{text} is outside {Min}-{Max}";
            return null;
        }

        var index = Names is null ? -1 : Array.FindIndex(Names, name => string.Equals(name, text, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            return Min + index;
        }

        reason = Names is null
            ? $"\"{text}\" is not a number"
            : $"\"{text}\" is neither a number {Min}-{Max} nor one of {Names[0]}-{Names[^1]}";
        return null;
    }

    private bool TryReadItem(string item, out string? reason)
    {
        if (item.Length == 0)
        {
            reason = "an empty list item";
            return false;
        }

        var slash = item.IndexOf('/', StringComparison.Ordinal);
        var rangeText = slash < 0 ? item : item[..slash];
        var step = 1;
        if (slash >= 0 && !TakesStep)
        {
            reason = $"\"/\" (increments) is not a {Name} wildcard";
            return false;
        }

        if (slash >= 0)
        {
            var stepText = item[(slash + 1)..];
            if (stepText.Length == 0 || !stepText.All(char.IsAsciiDigit)
                || !int.TryParse(stepText, NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1 || step > Max)
            {
                reason = $"the step \"{stepText}\" in \"{item}\" is not a number 1-{Max}";
                return false;
            }
        }

        int first, last;
        if (rangeText == "*")
        {
            (first, last) = (Min, Max);
        }
        else
        {
            var dash = rangeText.IndexOf('-', StringComparison.Ordinal);
            var start = ReadValue(dash < 0 ? rangeText : rangeText[..dash], out reason);
            if (start is null)
            {
                return false;
            }

            int? end = dash < 0 ? (slash < 0 ? start : Max) : ReadValue(rangeText[(dash + 1)..], out reason);
            if (end is null)
            {
                return false;
            }

            if (end < start)
            {
                reason = $"the range \"{rangeText}\" runs backwards";
                return false;
            }

            (first, last) = (start.Value, end.Value);
        }

        for (var value = first; value <= last; value += step)
        {
            values[value] = true;
        }

        reason = null;
        return true;
    }
}
