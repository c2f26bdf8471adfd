using Amazon.CDK.AWS.IAM;
using Amazon.CDK;
using Constructs;
using EcrPublicLambda.Cdk.Common;
using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Cdk.Access;

/// <summary>
/// The IAM grants one cluster needs, as a policy of its own on the function's role: <c>eks:DescribeCluster</c> for a
/// same-account cluster without endpoint and CA in the fleet, <c>sts:AssumeRole</c> for a cluster reached through
/// <c>roleArn</c>, <c>secretsmanager:GetSecretValue</c> (and <c>kms:Decrypt</c> through Secrets Manager when a key is
/// named) for a <c>kubernetes</c> cluster whose secret the function reads itself (no <c>roleArn</c>). Its own resource, not statements of the role's one default policy: a policy that goes is deleted
/// in the stack's cleanup phase, and one that changes is updated after the fleet-change cleanup
/// (<see cref="FleetChangeCleanup"/>), so the function still has the access when it cleans the cluster's namespaces.
/// </summary>
internal static class ClusterGrants
{
    internal const string DescribeSid = "DescribeCluster";
    internal const string AssumeSid = "AssumeClusterRole";
    internal const string ReadCredentialsSid = "ReadClusterCredentials";
    internal const string DecryptCredentialsSid = "DecryptClusterCredentials";

    /// <summary>One policy per cluster that needs a grant, attached to <paramref name="role"/>.</summary>
    internal static IReadOnlyList<Policy> Declare(Stack stack, Fleet fleet, IRole role)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(fleet);
        var policies = new List<Policy>();
        foreach (var cluster in fleet.Clusters)
        {
            var statements = new List<PolicyStatement>();
            if (cluster.Kind == ClusterKind.Kubernetes && cluster.RoleArn is null)
            {
                statements.AddRange(ReadCredentials(cluster));
            }

            if (cluster.Kind == ClusterKind.Eks && cluster.RoleArn is null && cluster.Endpoint is null)
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
                var policy = new Policy(stack, ConstructId(cluster), new PolicyProps { Roles = [role], Statements = [.. statements] });
                if (cluster.Kind == ClusterKind.Kubernetes && cluster.RoleArn is null)
                {
                    NagAcknowledgement.Add(
                        (CfnResource)policy.Node.DefaultChild!,
                        "AwsSolutions-IAM5",
                        "a partial secret ARN matches the secret's complete ARN only with the six random characters Secrets Manager appends (-??????); "
                            + "the pattern names this one secret",
                        $"Resource::{cluster.CredentialsSecretArn}-??????");
                }

                policies.Add(policy);
            }
        }

        return policies;
    }

    /// <summary>
    /// GetSecretValue on the secret: its ARN as given, and with <c>-??????</c> after it, since a partial ARN (without the
    /// six random characters Secrets Manager adds) matches the complete one only so
    /// (docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_examples.html). kms:Decrypt on the named key,
    /// only when Secrets Manager in the secret's region asks for it (kms:ViaService).
    /// </summary>
    private static IEnumerable<PolicyStatement> ReadCredentials(ClusterConfig cluster)
    {
        var arn = cluster.CredentialsSecretArn!;
        yield return new PolicyStatement(new PolicyStatementProps
        {
            Sid = ReadCredentialsSid,
            Actions = ["secretsmanager:GetSecretValue"],
            Resources = [arn, arn + "-??????"],
        });
        if (cluster.KmsKeyArn is { } key)
        {
            yield return new PolicyStatement(new PolicyStatementProps
            {
                Sid = DecryptCredentialsSid,
                Actions = ["kms:Decrypt"],
                Resources = [key],
                Conditions = new Dictionary<string, object>
                {
                    ["StringEquals"] = new Dictionary<string, object> { ["kms:ViaService"] = $"secretsmanager.{cluster.Region}.amazonaws.com" },
                },
            });
        }
    }

    /// <summary>Per cluster name and region (names repeat across regions); CDK makes the logical id from it.</summary>
    internal static string ConstructId(ClusterConfig cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return $"ClusterGrants-{cluster.Region}-{cluster.Name}";
    }
}
