using EcrPublicLambda.Configuration;
using EcrPublicLambda.Kubernetes;
using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Refresh;

/// <summary>
/// The run's Lease in each cluster (<see cref="RunLease"/>), the engine's one hook for it: with
/// <see cref="RefreshOptions.LeaseDuration"/> set, a run that writes takes the cluster's Lease before its first write
/// there and gives it back when it is done with the cluster. When another live run holds it, the operation decides
/// (<see cref="RunOperation.WaitsForLeaseHolder"/>): a refresh leaves the cluster to that run and reports it failed with
/// the reason, a cleanup waits for the Lease to be given back (or to expire) while the budget allows. A dry run writes
/// nothing, so it takes no Lease either. One per run: its id tells this run's holds from any other's.
/// </summary>
internal sealed class RunLeases(TimeProvider clock, ILogger logger, RefreshOptions options, Fleet fleet, RefreshRequest request, RunBudget budget)
{
    /// <summary>This run's own id in its holder identity (after the host's name), so two runs never pass for each other.</summary>
    private readonly string runId = Guid.NewGuid().ToString("N");

    /// <summary>The hold to release when the cluster is done (null: none needed), or the reason the cluster must be left alone.</summary>
    internal async Task<(LeaseRelease? Lease, string? Error)> TakeAsync(KubernetesCluster kube, ClusterConfig cluster)
    {
        ArgumentNullException.ThrowIfNull(kube);
        ArgumentNullException.ThrowIfNull(cluster);
        if (options.LeaseDuration is not { } duration || request.DryRun)
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
            var (hold, error, busyUntil) = await kube.AcquireLeaseAsync(ns, RunLease.Name(fleet), $"{options.LeaseHolder}/{runId}", duration, clock, budget.Token)
                .ConfigureAwait(false);
            if (hold is not null)
            {
                return (new LeaseRelease(kube, hold, budget.Token), null);
            }

            // Never wait past the point where nothing could be written any more.
            if (busyUntil is null || !request.Operation.WaitsForLeaseHolder || budget.TooLateAfter(options.LeaseRetryInterval))
            {
                return (null, error);
            }

            // The wait is reported once it is under way, as the retry waits are.
            var wait = Task.Delay(options.LeaseRetryInterval, clock, budget.Token);
            logger.CleanupWaitsForLease(cluster.Name, cluster.Region, (long)options.LeaseRetryInterval.TotalMilliseconds);
            await wait.ConfigureAwait(false);
        }
    }
}
