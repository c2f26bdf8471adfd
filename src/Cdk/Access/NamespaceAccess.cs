using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Cdk.Access;

/// <summary>
/// What the access modes can grant for namespaces chosen by pattern or label. Such a cluster needs a cluster-scoped
/// <c>list</c> on <c>namespaces</c> and writes in namespaces unknown at deploy time. An EKS access policy scoped to
/// namespaces grants nothing cluster-scoped (EKS access scopes take names and <c>*</c> wildcards, never a label
/// selector), so <c>edit-policy</c> refuses such clusters and points to <c>rbac</c>.
/// </summary>
internal static class NamespaceAccess
{
    /// <summary>One error per cluster that <paramref name="mode"/> cannot serve, with the cluster's JSON path.</summary>
    internal static IEnumerable<string> Problems(Fleet? fleet, AccessMode mode)
    {
        if (fleet is null || mode != AccessMode.EditPolicy)
        {
            yield break;
        }

        for (var index = 0; index < fleet.Clusters.Count; index++)
        {
            var cluster = fleet.Clusters[index];
            // A kubernetes cluster has no access entry: its RBAC is the onboarding manifest in either mode.
            if (cluster.Kind == ClusterKind.Eks && NamespaceSelection.For(cluster).NeedsNamespaceList)
            {
                var what = cluster.NamespaceSelector is null ? "namespace patterns" : "a namespaceSelector";
                yield return $"{JsonPath.Index("clusters", index)}: cluster \"{cluster.Name}\" uses {what}, which needs a cluster-scoped list of namespaces "
                    + "that accessMode \"edit-policy\" (an EKS access policy scoped to namespaces) cannot grant; use accessMode \"rbac\" or list the namespaces by name";
            }
        }
    }
}
