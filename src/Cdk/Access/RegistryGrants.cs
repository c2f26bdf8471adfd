using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Constructs;
using EcrPublicLambda.Cdk.Common;
using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Cdk.Access;

/// <summary>
/// The IAM grants the fleet's <c>registries</c> need, exactly what the file names, in one policy of their own on the
/// function's role (ECR Public's stay in the role's default policy):
/// <list type="bullet">
/// <item><c>ecr</c> without <c>roleArn</c>: <c>ecr:GetAuthorizationToken</c> (it takes no resource: docs.aws.amazon.com/
/// service-authorization/latest/reference/list_amazonelasticcontainerregistry.html) and the three pull actions on that
/// registry's repositories, since the token pulls with the function's rights;</item>
/// <item><c>secretsManager</c> without <c>roleArn</c>: <c>secretsmanager:GetSecretValue</c> on the secret (as named, and
/// with <c>-??????</c> for the six characters Secrets Manager appends to a partial ARN), and <c>kms:Decrypt</c> on its
/// <c>kmsKeyArn</c> only through Secrets Manager in the secret's region (<c>kms:ViaService</c>);</item>
/// <item>any entry with <c>roleArn</c>: <c>sts:AssumeRole</c> on that role, which holds the rest itself.</item>
/// </list>
/// </summary>
internal static class RegistryGrants
{
    internal const string ConstructId = "RegistryGrants";
    internal static readonly string[] PullActions = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"];

    /// <summary>The policy, or null when every registry is ECR Public (its grants are the role's own).</summary>
    internal static Policy? Declare(Construct scope, Fleet fleet, IRole role)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        var statements = new List<PolicyStatement>();
        var wildcards = new List<string>();
        var index = 0;
        foreach (var registry in fleet.Registries.Where(r => r.Type != RegistryType.EcrPublic))
        {
            index++;
            if (registry.RoleArn is { } roleArn)
            {
                statements.Add(Statement($"AssumeRegistryRole{index}", ["sts:AssumeRole"], [roleArn]));
                continue;
            }

            if (registry.Type == RegistryType.Ecr)
            {
                if (!statements.Any(s => s.Sid == "EcrToken"))
                {
                    statements.Add(Statement("EcrToken", ["ecr:GetAuthorizationToken"], ["*"]));
                    wildcards.Add("Resource::*");
                }

                var repositories = $"arn:aws:ecr:{registry.Region}:{registry.RegistryId}:repository/*";
                statements.Add(Statement($"EcrPull{index}", PullActions, [repositories]));
                wildcards.Add($"Resource::{repositories}");
                continue;
            }

            var secret = registry.SecretArn!;
            statements.Add(Statement($"ReadSecret{index}", ["secretsmanager:GetSecretValue"], [secret, secret + "-??????"]));
            wildcards.Add($"Resource::{secret}-??????");
            if (registry.KmsKeyArn is { } key)
            {
                var decrypt = Statement($"DecryptSecret{index}", ["kms:Decrypt"], [key]);
                decrypt.AddCondition("StringEquals", new Dictionary<string, object> { ["kms:ViaService"] = $"secretsmanager.{registry.Region}.amazonaws.com" });
                statements.Add(decrypt);
            }
        }

        if (statements.Count == 0)
        {
            return null;
        }

        var policy = new Policy(scope, ConstructId, new PolicyProps { Roles = [role], Statements = [.. statements] });
        if (wildcards.Count > 0)
        {
            NagAcknowledgement.Add(
                (CfnResource)policy.Node.DefaultChild!,
                "AwsSolutions-IAM5",
                "ecr:GetAuthorizationToken takes no resource (Resource must be *); a registry's pull grant covers the repositories of the one "
                    + "registry the fleet names; a secret's -?????? matches the six characters Secrets Manager appends to the partial ARN the fleet names",
                [.. wildcards.Distinct(StringComparer.Ordinal)]);
        }

        return policy;
    }

    private static PolicyStatement Statement(string sid, string[] actions, string[] resources) =>
        new(new PolicyStatementProps { Sid = sid, Actions = actions, Resources = resources });
}
