using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Constructs;
using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Cdk;

/// <summary>
/// The IAM grants one cluster needs, as a policy of its own on the function's role: <c>eks:DescribeCluster</c> for a
/// same-account cluster without endpoint and CA in the fleet, <c>sts:AssumeRole</c> for a cluster reached through
/// <c>roleArn</c>. Its own resource, not statements of the role's one default policy: a policy that goes is deleted
/// in the stack's cleanup phase, and one that changes is updated after the fleet-change cleanup
/// (<see cref="FleetChangeCleanup"/>), so the function still has the access when it cleans the cluster's namespaces.
/// </summary>
internal static class ClusterGrants
{
    internal const string DescribeSid = "DescribeCluster";
    internal const string AssumeSid = "AssumeClusterRole";

    /// <summary>One policy per cluster that needs a grant, attached to <paramref name="role"/>.</summary>
    internal static IReadOnlyList<Policy> Declare(Stack stack, Fleet fleet, IRole role)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(fleet);
        var policies = new List<Policy>();
        foreach (var cluster in fleet.Clusters)
        {
            var statements = new List<PolicyStatement>();
            if (cluster.RoleArn is null && cluster.Endpoint is null)
            {
                statements.Add(new PolicyStatement(new PolicyStatementProps
                {
                    Sid = DescribeSid,
                    Actions = ["eks:DescribeCluster"],
                    Resources = [stack.FormatArn(new ArnComponents { Service = "eks", Region = cluster.Region, Resource = "cluster", ResourceName = cluster.Name })],
                }));
            }

            if (cluster.RoleArn is not null)
            {
                // The cluster is described under the assumed role, in the other account.
                statements.Add(new PolicyStatement(new PolicyStatementProps
                {
                    Sid = AssumeSid,
                    Actions = ["sts:AssumeRole"],
                    Resources = [cluster.RoleArn],
                }));
            }

            if (statements.Count > 0)
            {
                policies.Add(new Policy(stack, ConstructId(cluster), new PolicyProps { Roles = [role], Statements = [.. statements] }));
            }
        }

        return policies;
    }

    /// <summary>Per cluster name and region (names repeat across regions); CDK makes the logical id from it.</summary>
    internal static string ConstructId(ClusterConfig cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return $"ClusterGrants-{cluster.Region}-{cluster.Name}";
    }
}
