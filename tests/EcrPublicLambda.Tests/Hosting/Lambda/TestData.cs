using EcrPublicLambda.Configuration;
using EcrPublicLambda.Kubernetes;
using EcrPublicLambda.Refresh;

namespace EcrPublicLambda.Tests.Hosting.Lambda;

/// <summary>A small fleet and reports as the refresh engine would give them.</summary>
internal static class TestData
{
    public static Fleet Fleet { get; } = new(
        Fleet.DefaultSecretName,
        AdoptExisting: false,
        [
            new ClusterConfig("prod-eu", "eu-west-1", ["default", "monitoring"], ["default"], null, null, null),
            new ClusterConfig("staging-us", "us-east-1", ["default"], [], null, null, null),
        ]);

    public static RefreshReport Succeeded(bool dryRun = false) => new(
        RunStatus.Succeeded,
        dryRun,
        new DateTimeOffset(2026, 11, 26, 23, 59, 59, TimeSpan.Zero),
        412,
        [
            new ClusterReport("prod-eu", "eu-west-1", RunStatus.Succeeded, null,
                [new SecretReport("default", SecretResult.Created, null), new SecretReport("monitoring", SecretResult.Updated, null)],
                [new ServiceAccountReport("default", "default", ServiceAccountResult.Added, null)]),
            new ClusterReport("staging-us", "us-east-1", RunStatus.Succeeded, null,
                [new SecretReport("default", SecretResult.Updated, null)], []),
        ]);

    public static RefreshReport Partial() => new(
        RunStatus.Partial,
        false,
        new DateTimeOffset(2026, 11, 26, 23, 59, 59, TimeSpan.Zero),
        1234,
        [
            new ClusterReport("prod-eu", "eu-west-1", RunStatus.Partial, null,
                [
                    new SecretReport("default", SecretResult.Created, null),
                    new SecretReport("monitoring", SecretResult.Failed, "namespace \"monitoring\" not found"),
                ],
                [new ServiceAccountReport("default", "default", ServiceAccountResult.Failed, "serviceaccounts \"default\" is forbidden")]),
            new ClusterReport("staging-us", "us-east-1", RunStatus.Failed, "DescribeCluster: AccessDeniedException", [], []),
        ]);
}
