using Amazon.CDK;
using Amazon.CDK.AWS.EKS;
using Constructs;
using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Cdk;

/// <summary>
/// The EKS access entry that maps the function's role into one same-account cluster, limited to its namespaces.
/// It must be created in the cluster's region, so it goes in whichever stack is in that region.
/// </summary>
internal static class ClusterAccessEntry
{
    internal const string EditPolicyName = "AmazonEKSEditPolicy";

    internal static CfnAccessEntry Declare(Construct scope, ClusterConfig cluster, string principalArn, AccessMode mode)
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
            props.AccessPolicies = new object[]
            {
                new CfnAccessEntry.AccessPolicyProperty
                {
                    PolicyArn = $"arn:{Amazon.CDK.Aws.PARTITION}:eks::aws:cluster-access-policy/{EditPolicyName}",
                    AccessScope = new CfnAccessEntry.AccessScopeProperty
                    {
                        Type = "namespace",
                        Namespaces = [.. cluster.Namespaces],
                    },
                },
            };
        }

        // One scope per cluster name: "prod-eu" and "prod_eu" must not collapse into one logical id.
        return new CfnAccessEntry(new Construct(scope, cluster.Name), "AccessEntry", props);
    }
}
