namespace EcrPublicLambda.Configuration;

/// <summary>
/// A parsed Kubernetes label selector (the fleet's <c>namespaceSelector</c>): matches a label dictionary with the
/// API server's semantics and renders the canonical text to send as <c>labelSelector</c> (requirements sorted by key,
/// <c>==</c> written <c>=</c>, the values of <c>in</c>/<c>notin</c> sorted without repeats). See
/// <see cref="LabelSelectorParser"/> for the grammar.
/// </summary>
public sealed class LabelSelector
{
    private LabelSelector(IReadOnlyList<LabelRequirement> requirements) => Requirements = requirements;

    /// <summary>The requirements, sorted by key (stable: requirements on one key keep their written order).</summary>
    public IReadOnlyList<LabelRequirement> Requirements { get; }

    /// <summary>Null when <paramref name="value"/> is a valid, non-empty selector, else the message (without its path).</summary>
    public static string? Problem(string value) => TryParse(value, out _, out var problem) ? null : problem;

    /// <summary>The selector; throws <see cref="ArgumentException"/> with the <see cref="Problem"/> message when it is not valid.</summary>
    public static LabelSelector Parse(string value) =>
        TryParse(value, out var selector, out var problem) ? selector : throw new ArgumentException(problem, nameof(value));

    public static bool TryParse(string value, out LabelSelector selector, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(value);
        selector = null!;
        problem = null;
        List<LabelRequirement> requirements;
        try
        {
            requirements = new LabelSelectorParser(value).Parse();
        }
        catch (FormatException e)
        {
            problem = $"{JsonPath.Quote(value)} is not a valid label selector: {e.Message}";
            return false;
        }

        if (requirements.Count == 0)
        {
            problem = $"{JsonPath.Quote(value)} is not a valid label selector: it is empty (leave the field out to select by name only)";
            return false;
        }

        selector = new LabelSelector([.. requirements.OrderBy(r => r.Key, StringComparer.Ordinal)]);
        return true;
    }

    /// <summary>Whether an object with <paramref name="labels"/> meets every requirement.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return Requirements.All(requirement => requirement.Matches(labels));
    }

    /// <summary>The canonical text, e.g. <c>env in (prod,staging),tier!=system</c>; it parses back to an equal selector.</summary>
    public override string ToString() => string.Join(',', Requirements);
}
