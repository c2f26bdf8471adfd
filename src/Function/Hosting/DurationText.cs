using System.Globalization;
using System.Text;

namespace EcrPublicLambda.Hosting;

/// <summary>
/// Durations on the command line and in tables, in the Go style kubectl uses: <c>6h</c>, <c>90m</c>, <c>1h30m</c>,
/// <c>45s</c> (units h, m, s; at least one).
/// </summary>
internal static class DurationText
{
    /// <summary>A positive duration, or null when <paramref name="text"/> is not one.</summary>
    internal static TimeSpan? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var total = TimeSpan.Zero;
        var number = new StringBuilder();
        var any = false;
        foreach (var c in text)
        {
            if (c is >= '0' and <= '9')
            {
                number.Append(c);
                continue;
            }

            if (number.Length == 0 || number.Length > 9 || c is not ('h' or 'm' or 's'))
            {
                return null;
            }

            var value = long.Parse(number.ToString(), CultureInfo.InvariantCulture);
            total += c switch { 'h' => TimeSpan.FromHours(value), 'm' => TimeSpan.FromMinutes(value), _ => TimeSpan.FromSeconds(value) };
            number.Clear();
            any = true;
        }

        return any && number.Length == 0 && total > TimeSpan.Zero ? total : null;
    }

    /// <summary>A short human form, as kubectl shows ages: <c>45s</c>, <c>12m</c>, <c>5h59m</c>, <c>3d4h</c>; negative values get a minus.</summary>
    internal static string Short(TimeSpan span)
    {
        var sign = span < TimeSpan.Zero ? "-" : string.Empty;
        span = span.Duration();
        return sign + (span.TotalSeconds < 60 ? $"{(int)span.TotalSeconds}s"
            : span.TotalMinutes < 60 ? $"{(int)span.TotalMinutes}m"
            : span.TotalHours < 24 ? (span.Minutes == 0 ? $"{(int)span.TotalHours}h" : $"{(int)span.TotalHours}h{span.Minutes}m")
            : (span.Hours == 0 ? $"{(int)span.TotalDays}d" : $"{(int)span.TotalDays}d{span.Hours}h"));
    }
}
