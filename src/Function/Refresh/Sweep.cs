using EcrPublicLambda.Configuration;
using EcrPublicLambda.Kubernetes;

namespace EcrPublicLambda.Refresh;

/// <summary>
/// The sweep: our Secrets in namespaces a run does not select any more (a label removed, a pattern or an exclusion
/// changed) are removed as a cleanup removes them, since nothing would refresh them and the kubelet would keep pulling
/// with their expired password. Whether a run sweeps a cluster is its operation's (<see cref="RunOperation.Sweeps"/>); every other decision of the
/// sweep is here; the engine runs the cleanup steps on what it picks.
/// </summary>
internal static class Sweep
{
    /// <summary>
    /// Whether <paramref name="found"/> is swept: it lies in a namespace the run does not select (nor keeps for another
    /// reason, such as a namespace being terminated: <paramref name="kept"/>), and it is ours, of this
    /// <paramref name="instance"/> (<see cref="SecretOwnership"/>). A foreign Secret of the same name, or another
    /// deployment's, is never touched.
    /// </summary>
    internal static bool Removes(ListedSecret found, IReadOnlySet<string> kept, string instance) =>
        !kept.Contains(found.Namespace) && found.WhyNotOurs(instance) is null;

    /// <summary>
    /// Whether a namespace checked one by one (the list was refused) goes to the cleanup step: when the Secret read there
    /// is ours to remove (<see cref="Removes"/>), or when it could not be read (<paramref name="readError"/>: the cleanup
    /// step reads it again and reports why it failed). No Secret there: nothing to do, nothing reported.
    /// </summary>
    internal static bool RemovesAfterRead(ListedSecret? read, string? readError, IReadOnlySet<string> kept, string instance) =>
        readError is not null || (read is not null && Removes(read, kept, instance));

    /// <summary>
    /// Where the sweep looks when the Secret list is refused (403: edit-policy access, namespace-scoped Roles): the
    /// namespaces the fleet names exactly, in <c>namespaces</c> and in <c>excludeNamespaces</c>, that the run does not keep.
    /// </summary>
    internal static IReadOnlyList<string> FallbackNamespaces(ClusterConfig cluster, IReadOnlySet<string> kept) =>
        [.. cluster.Namespaces.Concat(cluster.ExcludeNamespaces)
            .Where(entry => NamespacePattern.Parse(entry).IsExact && !kept.Contains(entry))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];

    /// <summary>What the cluster's report says when the Secret list could not be used, and where the sweep looked instead.</summary>
    internal static string Unchecked(string listError, IReadOnlyList<string> fallback, bool forbidden) =>
        (forbidden
            ? "the Secret list was refused (403), so namespaces chosen by pattern or selector that no longer match were not checked for a stale Secret of ours"
            : $"namespaces chosen by pattern or selector that no longer match were not checked for a stale Secret of ours ({listError})")
        + (fallback.Count > 0 ? $"; checked instead: {string.Join(", ", fallback)}" : string.Empty);
}
