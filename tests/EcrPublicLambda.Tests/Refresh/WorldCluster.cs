namespace EcrPublicLambda.Tests.Refresh;

/// <summary>One EKS cluster of a <see cref="RefreshWorld"/>: how the fleet lists it and how its fakes behave.</summary>
internal sealed record WorldCluster(string Name, string Region, params string[] Namespaces)
{
    internal IReadOnlyList<string> ServiceAccounts { get; init; } = [];

    /// <summary>Reached by assuming this role: its API server trusts the role's keys only.</summary>
    internal string? RoleArn { get; init; }

    /// <summary>The fleet gives endpoint and CA (no DescribeCluster); otherwise the fake EKS describes the cluster.</summary>
    internal bool EndpointInFleet { get; init; }

    /// <summary>The namespaces that exist on its API server (default: <see cref="Namespaces"/>).</summary>
    internal IReadOnlyList<string>? ServerNamespaces { get; init; }

    /// <summary>The fleet's <c>excludeNamespaces</c> (empty: the field is left out).</summary>
    internal IReadOnlyList<string> ExcludeNamespaces { get; init; } = [];

    /// <summary>The fleet's <c>namespaceSelector</c> (null: the field is left out).</summary>
    internal string? NamespaceSelector { get; init; }

    /// <summary>Nothing listens at its endpoint.</summary>
    internal bool Unreachable { get; init; }

    /// <summary>Its endpoint accepts TCP connections and never answers (<see cref="EcrPublicLambda.Fakes.FakeHungServer"/>).</summary>
    internal bool Hung { get; init; }

    /// <summary>How EKS describes it (DescribeCluster's <c>status</c>, <c>resourcesVpcConfig</c>); null: ACTIVE, public.</summary>
    internal Func<EcrPublicLambda.Fakes.FakeEksCluster, EcrPublicLambda.Fakes.FakeEksCluster>? Eks { get; init; }

    /// <summary>Its API server trusts other AWS keys than the ones the run signs with (every request is 401).</summary>
    internal bool TrustsOtherKeys { get; init; }

    /// <summary>
    /// Not EKS: a cluster of kind <c>kubernetes</c>, reached with the credentials its Secrets Manager secret holds
    /// (a ServiceAccount token or a client certificate; readable by <see cref="RoleArn"/> only, when set).
    /// </summary>
    internal WorldCredentials? Kubernetes { get; init; }

    /// <summary>How long its ServiceAccount token lives from the start of the world (a <c>kubernetes</c> cluster with a token).</summary>
    internal TimeSpan TokenLifetime { get; init; } = TimeSpan.FromDays(2);

    /// <summary>EKS does not know it (DescribeCluster answers ResourceNotFoundException).</summary>
    internal bool UnknownToEks { get; init; }
}
