using EcrPublicLambda.Configuration;
using EcrPublicLambda.Kubernetes;

namespace EcrPublicLambda.Refresh;

/// <summary>
/// The engine's one hook for the run's Lease (<see cref="RunLease"/>): with <see cref="RefreshOptions.LeaseDuration"/>
/// set, a run that writes takes the cluster's Lease before its first write there and gives it back when it is done
/// with the cluster; a refresh reports a cluster whose Lease another live run holds as failed with that reason, and the
/// other clusters go on, while a cleanup waits for that run to give the Lease back (or for it to expire), up to the
/// run's deadline. A dry run writes nothing, so it takes no Lease either.
/// </summary>
internal sealed partial class Refresher
{
    /// <summary>This run's own id in its holder identity (after the host's name), so two runs never pass for each other.</summary>
    private readonly string runId = Guid.NewGuid().ToString("N");

    /// <summary>The hold to release when the cluster is done (null: none taken), or the reason the cluster must be left alone.</summary>
    private async Task<(ReleaseOnDispose? Lease, string? Error)> TakeLeaseAsync(KubernetesCluster kube, ClusterConfig cluster, Run run)
    {
        if (options.LeaseDuration is not { } duration || run.DryRun)
        {
            return (null, null);
        }

        if (RunLease.Namespace(cluster) is not { } ns)
        {
            return (null, "this run must hold a Lease in the cluster and the cluster names no namespace by exact name to keep it in "
                + $"(give one in namespaces, or unset {RunLease.DurationVariable})");
        }

        while (true)
        {
            var (hold, error, busyUntil) = await kube.AcquireLeaseAsync(ns, RunLease.Name(run.Fleet), $"{options.LeaseHolder}/{runId}", duration, clock, run.CancellationToken)
                .ConfigureAwait(false);
            if (hold is not null)
            {
                return (new ReleaseOnDispose(kube, hold, run.CancellationToken), null);
            }

            // A cleanup waits for the run in progress (a teardown's cleanup must not leave that run's Secrets behind);
            // a refresh leaves the cluster to it. Never past the point where nothing could be written any more.
            if (busyUntil is null || run.Operation != RunOperation.Cleanup || clock.GetUtcNow() + options.LeaseRetryInterval >= (run.Deadline ?? DateTimeOffset.MaxValue) - options.DeadlineReserve)
            {
                return (null, error);
            }

            // The wait is reported once it is under way, as the retry waits are.
            var wait = Task.Delay(options.LeaseRetryInterval, clock, run.CancellationToken);
            logger.CleanupWaitsForLease(cluster.Name, cluster.Region, (long)options.LeaseRetryInterval.TotalMilliseconds);
            await wait.ConfigureAwait(false);
        }
    }

    private static ClusterReport LeaseRefused(ClusterConfig cluster, string error) =>
        new(cluster.Name, cluster.Region, RunStatus.Failed, error,
            [.. KnownNamespaces(cluster).Select(ns => new SecretReport(ns, SecretResult.Skipped, "not attempted: " + error))],
            [.. KnownTargets(cluster).Select(t => new ServiceAccountReport(t.Namespace, t.Name, ServiceAccountResult.Skipped, "not attempted: " + error))]);

    /// <summary>
    /// Releases the hold when the cluster's work ends, however it ends. A run cut short by its deadline leaves the
    /// Lease to expire: the time left belongs to the report.
    /// </summary>
    private sealed class ReleaseOnDispose(KubernetesCluster kube, LeaseHold hold, CancellationToken cancellationToken) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await kube.ReleaseLeaseAsync(hold, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
        }
    }
}
