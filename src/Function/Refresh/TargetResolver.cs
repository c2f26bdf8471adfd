using EcrPublicLambda.Configuration;
using EcrPublicLambda.Kubernetes;
using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Refresh;

/// <summary>Resolves what a run touches: the clusters of the request, and in each the namespaces.</summary>
internal sealed class TargetResolver(ILogger logger)
{
    /// <summary>
    /// The clusters the request names (every cluster of that name, in any region), or all; in fleet order. The hosts
    /// reject unknown names with their own messages before a run starts; reaching here with one is a bug.
    /// </summary>
    internal static List<ClusterConfig> Clusters(Fleet fleet, RefreshRequest request)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Clusters.Count == 0)
        {
            return [.. fleet.Clusters];
        }

        if (request.Clusters.FirstOrDefault(name => !fleet.HasCluster(name)) is { } unknown)
        {
            throw new ArgumentException($"unknown cluster \"{unknown}\"", nameof(request));
        }

        var wanted = request.Clusters.ToHashSet(StringComparer.Ordinal);
        return [.. fleet.Clusters.Where(cluster => wanted.Contains(cluster.Name))];
    }

    /// <summary>
    /// The namespaces this run works on in <paramref name="cluster"/>: the exact names as listed, or (patterns, a
    /// selector) the resolution of one namespace list, plus the exact names the list lacks, which then fail as "not
    /// found" like any missing namespace. Namespaces being terminated are logged and left alone.
    /// </summary>
    /// <returns>The namespaces and those being terminated (which a sweep leaves too), or the error of the namespace list (the cluster fails with it).</returns>
    internal async Task<(IReadOnlyList<string> Namespaces, IReadOnlyList<string> Terminating, string? Error)> NamespacesAsync(KubernetesCluster kube, ClusterConfig cluster, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kube);
        ArgumentNullException.ThrowIfNull(cluster);
        var selection = NamespaceSelection.For(cluster);
        if (!selection.NeedsNamespaceList)
        {
            return (selection.ExactNamespaces, [], null);
        }

        var (listed, error) = await kube.ListNamespacesAsync(selection.LabelSelectorQuery, cancellationToken).ConfigureAwait(false);
        if (listed is null)
        {
            return ([], [], error);
        }

        var resolution = selection.Resolve(listed);
        if (resolution.Terminating.Count > 0)
        {
            logger.NamespacesTerminating(cluster.Name, cluster.Region, string.Join(", ", resolution.Terminating));
        }

        return ([.. resolution.Namespaces.Concat(resolution.Missing).Order(StringComparer.Ordinal)], resolution.Terminating, null);
    }
}
