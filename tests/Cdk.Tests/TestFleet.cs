using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Cdk.Tests;

/// <summary>Registries built directly (the parser has its own tests): four kinds of cluster.</summary>
internal static class TestFleet
{
    internal const string Account = "123456789012";
    internal const string CrossAccountRole = "arn:aws:iam::210987654321:role/ecr-public-writer";

    /// <summary>Same account, main region, described at run time.</summary>
    internal static readonly ClusterConfig ProdEu = new("prod-eu", "eu-west-1", ["default", "monitoring"], ["default"], null, null, null);

    /// <summary>Same account, main region, endpoint and CA given: no DescribeCluster.</summary>
    internal static readonly ClusterConfig Pinned = new(
        "pinned", "eu-west-1", ["apps"], [], null, new Uri("https://ABC.gr7.eu-west-1.eks.amazonaws.com"), "LS0tLS1CRUdJTg==");

    /// <summary>Same account, another region: its access entry goes to a regional stack.</summary>
    internal static readonly ClusterConfig ProdUs = new("prod-us", "us-east-1", ["default"], [], null, null, null);

    /// <summary>Another account, reached through a role.</summary>
    internal static readonly ClusterConfig Partner = new("partner", "eu-west-1", ["team-a"], ["builder"], CrossAccountRole, null, null);

    internal static Fleet All => new("ecr-public-token", false, [ProdEu, Pinned, ProdUs, Partner]);
}
