using Amazon.CDK.AWS.EKS;
using Amazon.CDK;
using Constructs;
using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Cdk.Access;

/// <summary>
/// The EKS access entry that maps the function's role into one same-account cluster, limited to the namespaces it
/// selects by exact name (never an excluded one).
/// It must be created in the cluster's region, so it goes in whichever stack is in that region.
/// </summary>
internal static class ClusterAccessEntry
{
    internal const string EditPolicyName = "AmazonEKSEditPolicy";

    /// <summary>
    /// <paramref name="lease"/> (no reserved concurrency): an <c>edit-policy</c> entry also puts the role in
    /// <see cref="RbacManifest.KubernetesGroup"/>, which the Lease's RoleBinding names (AmazonEKSEditPolicy grants no leases).
    /// </summary>
    internal static CfnAccessEntry Declare(Construct scope, ClusterConfig cluster, string principalArn, AccessMode mode, bool lease = false)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(cluster);
        var props = new CfnAccessEntryProps
        {
            ClusterName = cluster.Name,
            PrincipalArn = principalArn,
            Type = "STANDARD",
        };
        if (mode == AccessMode.Rbac)
        {
            // Only a group: what the group may do is the Role/RoleBinding of RbacManifest, applied in the cluster.
            props.KubernetesGroups = [RbacManifest.KubernetesGroup];
        }
        else
        {
            if (lease)
            {
                props.KubernetesGroups = [RbacManifest.KubernetesGroup];
            }

            props.AccessPolicies = new object[]
            {
                new CfnAccessEntry.AccessPolicyProperty
                {
                    PolicyArn = $"arn:{Amazon.CDK.Aws.PARTITION}:eks::aws:cluster-access-policy/{EditPolicyName}",
                    AccessScope = new CfnAccessEntry.AccessScopeProperty
                    {
                        Type = "namespace",
                        // Only the names the cluster selects: an excluded name is granted nothing.
                        Namespaces = [.. NamespaceSelection.For(cluster).ExactNamespaces],
                    },
                },
            };
        }

        // One scope per cluster name: "prod-eu" and "prod_eu" must not collapse into one logical id.
        return new CfnAccessEntry(new Construct(scope, cluster.Name), "AccessEntry", props);
    }
}
