namespace EcrPublicLambda.Configuration;

/// <summary>
/// What a cluster's <see cref="NamespaceSelection"/> makes of the namespaces listed in one run. All lists are sorted
/// (ordinal) and disjoint.
/// </summary>
/// <param name="Namespaces">The namespaces to work on: selected, not excluded, <c>Active</c>.</param>
/// <param name="Terminating">Selected namespaces that are being deleted: left alone (a write into one is refused anyway).</param>
/// <param name="Missing">
/// Exact names from <c>namespaces</c> (not excluded) that the list does not hold: reported <c>failed</c>, as today.
/// Always empty when the cluster has a <c>namespaceSelector</c>: the server filters by label, so an exact name it
/// did not return may exist without the labels, and it is simply not selected.
/// </param>
public sealed record NamespaceResolution(
    IReadOnlyList<string> Namespaces,
    IReadOnlyList<string> Terminating,
    IReadOnlyList<string> Missing);
