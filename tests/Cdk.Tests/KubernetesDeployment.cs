using EcrPublicLambda.Cdk.Access;
using EcrPublicLambda.Cdk.Settings;
using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Cdk.Tests;

/// <summary>An EKS cluster and two <c>kubernetes</c> clusters (one read by the function itself with a KMS key, one through a role), no VPC.</summary>
public sealed class KubernetesDeployment() : SynthesizedDeployment(Settings)
{
    internal const string EdgeSecret = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:ecr-public-lambda/edge";
    internal const string EdgeKey = "arn:aws:kms:eu-central-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    /// <summary>Read by the function's own role, its secret encrypted with a customer key.</summary>
    internal static readonly ClusterConfig Edge = new("edge", "eu-central-1", ["default"], ["default"], null, new Uri("https://10.20.0.5:6443"), "LS0tLS1CRUdJTg==")
    {
        Kind = ClusterKind.Kubernetes,
        CredentialsSecretArn = EdgeSecret,
        KmsKeyArn = EdgeKey,
    };

    /// <summary>Read through a role (in another account).</summary>
    internal static readonly ClusterConfig OnPrem = new("onprem", "eu-west-1", ["apps"], [], TestFleet.CrossAccountRole, new Uri("https://k8s.corp.example:6443"), "LS0tLS1CRUdJTg==")
    {
        Kind = ClusterKind.Kubernetes,
        CredentialsSecretArn = "arn:aws:secretsmanager:eu-west-1:210987654321:secret:onprem-AbCdEf",
    };

    private static new DeploymentSettings Settings => EditPolicyDeployment.Defaults with
    {
        Fleet = new Fleet("ecr-public-token", false, [TestFleet.ProdEu, Edge, OnPrem]),
        AccessMode = AccessMode.EditPolicy,
        OnboardingNamespace = "platform",
    };
}
