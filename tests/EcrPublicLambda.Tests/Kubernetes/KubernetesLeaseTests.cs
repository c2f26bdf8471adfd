using EcrPublicLambda.Fakes;
using EcrPublicLambda.Kubernetes;
using Microsoft.Extensions.Time.Testing;

namespace EcrPublicLambda.Tests.Kubernetes;

/// <summary>The run's Lease against the fake API server: taken when free or expired, refused while another run holds it, released only while ours.</summary>
public sealed class KubernetesLeaseTests
{
    private const string Name = "ecr-public-token";
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(360);

    private static async Task<(ClusterUnderTest Test, FakeTimeProvider Clock)> StartAsync()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));
        return (await ClusterUnderTest.StartAsync(new FakeKubernetesOptions { Clock = clock }), clock);
    }

    private static async Task<(LeaseHold? Hold, string? Error)> AcquireAsync(ClusterUnderTest test, FakeTimeProvider clock, string holder)
    {
        var (hold, error, busyUntil) = await test.Cluster.AcquireLeaseAsync("default", Name, holder, Duration, clock, CancellationToken.None);
        // Busy exactly when another live run holds it.
        Assert.Equal(error?.StartsWith("another run holds", StringComparison.Ordinal) ?? false, busyUntil is not null);
        return (hold, error);
    }

    [Fact]
    public async Task A_free_Lease_is_created_with_the_holder_and_a_duration_in_MicroTime()
    {
        var (test, clock) = await StartAsync();
        await using var _ = test;

        var (hold, error) = await AcquireAsync(test, clock, "fn/run-1");

        Assert.Null(error);
        Assert.NotNull(hold);
        var spec = test.Server.Leases.Find("default", Name)!["spec"]!;
        Assert.Equal("fn/run-1", (string?)spec["holderIdentity"]);
        Assert.Equal(360, (int)spec["leaseDurationSeconds"]!);
        Assert.Equal("2026-12-02T12:00:00.000000Z", (string?)spec["renewTime"]);
    }

    [Fact]
    public async Task A_Lease_another_run_holds_is_refused_with_its_holder_and_nothing_is_written()
    {
        var (test, clock) = await StartAsync();
        await using var _ = test;
        test.Server.Leases.Seed("default", Name, "fn/other-run", clock.GetUtcNow().AddSeconds(-100), 360);
        var before = test.Server.Leases.Find("default", Name)!.ToJsonString();

        var (hold, error) = await AcquireAsync(test, clock, "fn/run-2");

        Assert.Null(hold);
        Assert.Contains("another run holds this cluster's Lease default/ecr-public-token (holder \"fn/other-run\") until 2026-12-02T12:04:20Z", error, StringComparison.Ordinal);
        Assert.Equal(before, test.Server.Leases.Find("default", Name)!.ToJsonString());
        Assert.Equal(0, test.Server.CountRequests("PUT"));
    }

    [Fact]
    public async Task An_expired_Lease_is_taken_over_with_the_resourceVersion_read_and_one_more_transition()
    {
        var (test, clock) = await StartAsync();
        await using var _ = test;
        test.Server.Leases.Seed("default", Name, "fn/crashed-run", clock.GetUtcNow().AddSeconds(-361), 360);

        var (hold, error) = await AcquireAsync(test, clock, "fn/run-3");

        Assert.Null(error);
        Assert.NotNull(hold);
        var spec = test.Server.Leases.Find("default", Name)!["spec"]!;
        Assert.Equal("fn/run-3", (string?)spec["holderIdentity"]);
        Assert.Equal(1, (int)spec["leaseTransitions"]!);
    }

    [Fact]
    public async Task Of_two_runs_that_saw_the_Lease_expire_only_one_takes_it()
    {
        var (test, clock) = await StartAsync();
        await using var _ = test;
        test.Server.Leases.Seed("default", Name, "fn/crashed-run", clock.GetUtcNow().AddSeconds(-400), 360);
        // Another run takes it over between our read and our update.
        var done = 0;
        test.Server.BeforeHandle = request =>
        {
            if (request.Method == "PUT" && Interlocked.Exchange(ref done, 1) == 0)
            {
                var current = test.Server.Leases.Find("default", Name)!;
                var version = (string)current["metadata"]!["resourceVersion"]!;
                test.Server.Leases.Update("default", Name, FakeKubernetesLeases.Body(Name, version, "fn/faster-run", clock.GetUtcNow(), 360), dryRun: false);
            }
        };

        var (hold, error) = await AcquireAsync(test, clock, "fn/run-4");

        Assert.Null(hold);
        Assert.Contains("holder \"fn/faster-run\"", error, StringComparison.Ordinal);
        Assert.Equal("fn/faster-run", (string?)test.Server.Leases.Find("default", Name)!["spec"]!["holderIdentity"]);
    }

    [Fact]
    public async Task Release_deletes_our_Lease_but_leaves_one_another_run_took_over()
    {
        var (test, clock) = await StartAsync();
        await using var _ = test;
        var (ours, _) = await AcquireAsync(test, clock, "fn/run-5");
        Assert.Null(await test.Cluster.ReleaseLeaseAsync(ours!, CancellationToken.None));
        Assert.Null(test.Server.Leases.Find("default", Name));

        var (again, _) = await AcquireAsync(test, clock, "fn/run-6");
        clock.Advance(TimeSpan.FromSeconds(361));
        var (taker, _) = await AcquireAsync(test, clock, "fn/run-7");
        var error = await test.Cluster.ReleaseLeaseAsync(again!, CancellationToken.None);

        Assert.NotNull(taker);
        Assert.Contains("another run took it over", error, StringComparison.Ordinal);
        Assert.Equal("fn/run-7", (string?)test.Server.Leases.Find("default", Name)!["spec"]!["holderIdentity"]);
    }
}
