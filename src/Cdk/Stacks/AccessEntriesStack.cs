using Amazon.CDK;
using Constructs;
using EcrPublicLambda.Cdk.Access;
using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Cdk.Stacks;

/// <summary>
/// Access entries for same-account clusters outside the main stack's region: a stack is one region, and an access
/// entry must be created in its cluster's region. The role lives in the main stack; IAM is global, so its ARN is
/// built here from its fixed name and this stack's account.
/// </summary>
internal sealed class AccessEntriesStack : Stack
{
    internal AccessEntriesStack(Construct scope, string id, string region, string? account, IReadOnlyList<ClusterConfig> clusters, string roleName, AccessMode mode, bool lease = false)
        : base(scope, id, new StackProps
        {
            Env = new Amazon.CDK.Environment { Account = account, Region = region },
            Description = $"EcrPublicLambda: EKS access entries for the function's role in {region}",
        })
    {
        ArgumentNullException.ThrowIfNull(clusters);
        var roleArn = $"arn:{Amazon.CDK.Aws.PARTITION}:iam::{Account}:role/{roleName}";
        foreach (var cluster in clusters)
        {
            ClusterAccessEntry.Declare(this, cluster, roleArn, mode, lease);
        }
    }
}
