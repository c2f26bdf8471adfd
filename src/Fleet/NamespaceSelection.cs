namespace EcrPublicLambda.Configuration;

/// <summary>
/// How a cluster chooses its namespaces: the <c>namespaces</c> entries (names or <c>*</c> patterns), then the
/// optional <c>namespaceSelector</c> narrows them to namespaces with matching labels, then <c>excludeNamespaces</c>
/// removes names or patterns (an exclusion wins over a selection). A cluster with exact names only and no selector
/// needs no namespace list: <see cref="ExactNamespaces"/> is its set. Otherwise the run lists the namespaces once
/// (sending <see cref="LabelSelectorQuery"/> as <c>labelSelector</c>) and <see cref="Resolve"/> gives the set.
/// </summary>
public sealed class NamespaceSelection
{
    private NamespaceSelection(IReadOnlyList<NamespacePattern> include, IReadOnlyList<NamespacePattern> exclude, LabelSelector? selector)
    {
        Include = include;
        Exclude = exclude;
        Selector = selector;
    }

    public IReadOnlyList<NamespacePattern> Include { get; }

    public IReadOnlyList<NamespacePattern> Exclude { get; }

    public LabelSelector? Selector { get; }

    /// <summary>True when the run must list the cluster's namespaces: a pattern or a selector is used.</summary>
    public bool NeedsNamespaceList => Selector is not null || Include.Any(pattern => !pattern.IsExact);

    /// <summary>The canonical selector to send as <c>labelSelector</c>, or null to list every namespace.</summary>
    public string? LabelSelectorQuery => Selector?.ToString();

    /// <summary>
    /// The exact names, in fleet order, minus the excluded ones; the whole set when
    /// <see cref="NeedsNamespaceList"/> is false.
    /// </summary>
    public IReadOnlyList<string> ExactNamespaces =>
        [.. Include.Where(pattern => pattern.IsExact && !IsExcluded(pattern.Text)).Select(pattern => pattern.Text)];

    /// <summary>The selection of a validated cluster.</summary>
    public static NamespaceSelection For(ClusterConfig cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return new NamespaceSelection(
            [.. cluster.Namespaces.Select(NamespacePattern.Parse)],
            [.. cluster.ExcludeNamespaces.Select(NamespacePattern.Parse)],
            cluster.NamespaceSelector);
    }

    /// <summary>Whether <paramref name="name"/> matches an <c>excludeNamespaces</c> entry.</summary>
    public bool IsExcluded(string name) => Exclude.Any(pattern => pattern.Matches(name));

    /// <summary>
    /// The final sets from the namespaces listed (with or without the label selector applied by the server: the
    /// selector is applied here too). A pattern that matches nothing is not an error.
    /// </summary>
    public NamespaceResolution Resolve(IEnumerable<ListedNamespace> listed)
    {
        ArgumentNullException.ThrowIfNull(listed);
        var selected = new SortedSet<string>(StringComparer.Ordinal);
        var terminating = new SortedSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ns in listed)
        {
            seen.Add(ns.Name);
            if (!Include.Any(pattern => pattern.Matches(ns.Name))
                || IsExcluded(ns.Name)
                || (Selector is not null && !Selector.Matches(ns.Labels)))
            {
                continue;
            }

            (ns.IsActive ? selected : terminating).Add(ns.Name);
        }

        IReadOnlyList<string> missing = Selector is null
            ? [.. ExactNamespaces.Where(name => !seen.Contains(name)).Order(StringComparer.Ordinal)]
            : [];
        return new NamespaceResolution([.. selected], [.. terminating], missing);
    }
}
