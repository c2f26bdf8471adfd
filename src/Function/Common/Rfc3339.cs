using System.Globalization;

namespace EcrPublicLambda.Common;

/// <summary>
/// Timestamps as the report, the Secret's expiry annotation and the kubectl exec credential carry them: RFC 3339 in UTC
/// with whole seconds (<c>2026-11-26T23:59:59Z</c>).
/// </summary>
internal static class Rfc3339
{
    internal const string Pattern = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    internal static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);
}
