namespace EcrPublicLambda.Configuration;

/// <summary>Finds the known field an unknown one was probably meant to be ("namespace" → "namespaces").</summary>
public static class FieldSuggestion
{
    private const int MaxDistance = 2;
    private const int MinPrefixLength = 3;

    /// <summary>The closest of <paramref name="known"/> to <paramref name="unknown"/>, or null when none is close.</summary>
    public static string? Closest(string unknown, IReadOnlyList<string> known)
    {
        ArgumentNullException.ThrowIfNull(unknown);
        ArgumentNullException.ThrowIfNull(known);
        var typed = unknown.ToLowerInvariant();
        string? best = null;
        var bestScore = int.MaxValue;
        foreach (var candidate in known)
        {
            var lower = candidate.ToLowerInvariant();
            var score = Distance(typed, lower);
            var close = score <= MaxDistance
                || (Math.Min(typed.Length, lower.Length) >= MinPrefixLength
                    && (typed.StartsWith(lower, StringComparison.Ordinal) || lower.StartsWith(typed, StringComparison.Ordinal)));
            if (close && score < bestScore)
            {
                best = candidate;
                bestScore = score;
            }
        }

        return best;
    }

    /// <summary>Levenshtein distance, treating '_' and '-' as nothing (role_arn ≈ roleArn).</summary>
    private static int Distance(string a, string b)
    {
        a = a.Replace("_", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
