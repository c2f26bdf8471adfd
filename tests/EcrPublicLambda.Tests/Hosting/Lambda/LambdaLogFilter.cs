using System.Globalization;
using System.Text.Json;

namespace EcrPublicLambda.Tests.Hosting.Lambda;

/// <summary>
/// Lambda's documented application log-level filter for JSON lines of a custom runtime: a line's level is its
/// <c>level</c> field (any case) when that is a known level and the line has a valid RFC 3339 <c>timestamp</c>;
/// otherwise the line counts as INFO. Lambda keeps the lines at or above the configured level.
/// </summary>
internal static class LambdaLogFilter
{
    internal static readonly string[] Levels = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"];

    internal static bool Keeps(JsonElement line, string configured)
    {
        var level = "INFO";
        if (line.TryGetProperty("level", out var named) && named.ValueKind == JsonValueKind.String
            && Array.IndexOf(Levels, named.GetString()!.ToUpperInvariant()) >= 0
            && line.TryGetProperty("timestamp", out var timestamp) && timestamp.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParseExact(timestamp.GetString(), ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            level = named.GetString()!.ToUpperInvariant();
        }

        return Array.IndexOf(Levels, level) >= Array.IndexOf(Levels, configured);
    }
}
