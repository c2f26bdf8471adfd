namespace EcrPublicLambda.Common;

/// <summary>How a secret looks where text leaves the process: one marker everywhere (messages, logs, <c>ToString</c>).</summary>
internal static class Redaction
{
    /// <summary>What stands in for a password, token, key or Secret payload.</summary>
    internal const string Marker = "<redacted>";

    /// <summary>Replaces each of <paramref name="secrets"/> (null or empty ones are skipped) wherever it occurs in <paramref name="text"/>.</summary>
    internal static string Replace(string text, IEnumerable<string?> secrets)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(secrets);
        foreach (var secret in secrets)
        {
            if (!string.IsNullOrEmpty(secret))
            {
                text = text.Replace(secret, Marker, StringComparison.Ordinal);
            }
        }

        return text;
    }
}
