using EcrPublicLambda.Hosting.Lambda;
using EcrPublicLambda.Kubernetes;
using EcrPublicLambda.Refresh;

namespace EcrPublicLambda.Tests.Hosting.Lambda;

public sealed class FailureSummaryTests
{
    [Fact]
    public void Names_each_failure_with_its_cluster_namespace_and_error()
    {
        Assert.Equal(
            "refresh partial (2 cluster(s)): prod-eu (eu-west-1) monitoring: secret failed: namespace \"monitoring\" not found; " +
            "prod-eu (eu-west-1) default/default: service account failed: serviceaccounts \"default\" is forbidden; " +
            "staging-us (us-east-1): DescribeCluster: AccessDeniedException",
            FailureSummary.Describe(TestData.Partial()));
    }

    [Fact]
    public void Conflicts_and_skipped_items_are_reported()
    {
        var report = new RefreshReport(RunStatus.Partial, false, null, 10,
        [
            new ClusterReport("prod-eu", "eu-west-1", RunStatus.Partial, null,
                [new SecretReport("default", SecretResult.Conflict, "not managed by ecr-public-lambda"), new SecretReport("monitoring", SecretResult.Skipped, null)],
                [new ServiceAccountReport("monitoring", "default", ServiceAccountResult.Skipped, null)]),
        ]);

        Assert.Equal(
            "refresh partial (1 cluster(s)): prod-eu (eu-west-1) default: secret conflict: not managed by ecr-public-lambda; " +
            "2 item(s) skipped (not started before the deadline, or their Secret was not written)",
            FailureSummary.Describe(report));
    }

    [Fact]
    public void A_Secret_written_without_a_registry_that_failed_is_itemized_with_that_registry()
    {
        var report = new RefreshReport(RunStatus.Partial, false, null, 10,
        [
            new ClusterReport("edge-a", "eu-west-1", RunStatus.Partial, null,
                [
                    new SecretReport("team-a", SecretResult.Updated, "written without fresh credentials for registry \"docker-hub\": denied"),
                    new SecretReport("team-b", SecretResult.Created, "written without fresh credentials for registry \"private-us\": AccessDenied"),
                    new SecretReport("team-c", SecretResult.Updated, null),
                ],
                []),
        ]);

        Assert.Equal(
            "refresh partial (1 cluster(s)): edge-a (eu-west-1) team-a: secret updated: written without fresh credentials for registry \"docker-hub\": denied; " +
            "edge-a (eu-west-1) team-b: secret created: written without fresh credentials for registry \"private-us\": AccessDenied",
            FailureSummary.Describe(report));
    }

    [Fact]
    public void Is_bounded_and_says_how_many_were_left_out()
    {
        var clusters = Enumerable.Range(0, 100)
            .Select(i => new ClusterReport($"cluster-{i:D3}", "eu-west-1", RunStatus.Failed, "Unable to connect to the server: dial tcp 10.0.0.1:443: i/o timeout", [], []))
            .ToList();

        var message = FailureSummary.Describe(new RefreshReport(RunStatus.Failed, false, null, 10, clusters), 300);

        Assert.True(message.Length <= 300, message);
        Assert.StartsWith("refresh failed (100 cluster(s)): cluster-000 (eu-west-1): Unable to connect", message, StringComparison.Ordinal);
        Assert.Matches(@"; \.\.\. \d+ more$", message);
    }

    [Fact]
    public void A_cleanup_says_so_and_has_its_own_error_type()
    {
        var report = new RefreshReport(RunStatus.Partial, false, null, 10,
        [
            new ClusterReport("prod-eu", "eu-west-1", RunStatus.Partial, null,
                [new SecretReport("default", SecretResult.Deleted, null), new SecretReport("theirs", SecretResult.Conflict, "Secret \"s\" is not labelled x")],
                [new ServiceAccountReport("theirs", "default", ServiceAccountResult.Skipped, "not attempted")]),
        ])
        { Operation = RunOperation.Cleanup };

        Assert.Equal("CleanupIncomplete", FailureSummary.ErrorTypeOf(report));
        Assert.Equal("RefreshIncomplete", FailureSummary.ErrorTypeOf(report with { Operation = RunOperation.Refresh }));
        Assert.Equal(
            "cleanup partial (1 cluster(s)): prod-eu (eu-west-1) theirs: secret conflict: Secret \"s\" is not labelled x; " +
            "1 item(s) skipped (not started before the deadline, or their Secret was not removed)",
            FailureSummary.Describe(report));
    }
}
