namespace EcrPublicLambda.Configuration;

/// <summary>
/// A <c>namespaces</c> or <c>excludeNamespaces</c> entry of the fleet: an exact namespace name, or a pattern in which
/// each <c>*</c> matches any run of characters, none included (<c>team-*</c>, <c>*-staging</c>, <c>*</c>). Matching is
/// ordinal and case-sensitive, like namespace names.
/// </summary>
public sealed class NamespacePattern
{
    private const int MaxLength = 63;

    private NamespacePattern(string text) => Text = text;

    /// <summary>The entry as written in the fleet.</summary>
    public string Text { get; }

    /// <summary>True when the entry has no <c>*</c>: it names one namespace.</summary>
    public bool IsExact => !Text.Contains('*', StringComparison.Ordinal);

    /// <summary>
    /// Null when <paramref name="value"/> is a valid entry, else the message (without its path). A name without
    /// <c>*</c> keeps the namespace-name message of <see cref="FleetRules.DnsLabel"/>.
    /// </summary>
    public static string? Problem(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.Contains('*', StringComparison.Ordinal))
        {
            return FleetRules.DnsLabel(value, "namespace");
        }

        var valid = value.Length <= MaxLength
            && value.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '*')
            && value[0] != '-'
            && value[^1] != '-';
        return valid
            ? null
            : $"{JsonPath.Quote(value)} is not a valid namespace pattern (at most 63 characters of a-z, 0-9, '-' and '*', not starting or ending with '-'; '*' matches any run of characters)";
    }

    /// <summary>The entry; throws <see cref="ArgumentException"/> when <see cref="Problem"/> finds one.</summary>
    public static NamespacePattern Parse(string value) =>
        Problem(value) is { } problem ? throw new ArgumentException(problem, nameof(value)) : new NamespacePattern(value);

    /// <summary>Whether namespace <paramref name="name"/> is this entry (exact) or matches it (pattern).</summary>
    public bool Matches(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (IsExact)
        {
            return string.Equals(Text, name, StringComparison.Ordinal);
        }

        // Greedy wildcard matching with one backtrack point: linear in practice, no regex.
        int p = 0, n = 0, star = -1, resume = 0;
        while (n < name.Length)
        {
            if (p < Text.Length && Text[p] == '*')
            {
                star = p++;
                resume = n;
            }
            else if (p < Text.Length && Text[p] == name[n])
            {
                p++;
                n++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                n = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < Text.Length && Text[p] == '*')
        {
            p++;
        }

        return p == Text.Length;
    }

    public override string ToString() => Text;
}
