using EcrPublicLambda.Aws;
using EcrPublicLambda.Configuration;
using EcrPublicLambda.Kubernetes;
using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Refresh;

/// <summary>
/// One run of the request's <see cref="RunOperation"/>: at most ONE registry login for every cluster
/// (<see cref="RegistryLogin"/>), then every selected cluster concurrently (<see cref="ClusterWorker"/>; its namespaces
/// concurrently within the cluster's bound, <see cref="NamespaceWorker"/>), within one <see cref="RunBudget"/>. A
/// failure of one cluster, namespace or service account is reported and never stops the others.
/// </summary>
internal sealed class Refresher(AwsClients aws, TimeProvider clock, ILogger logger, RefreshOptions? options = null)
{
    private readonly RefreshOptions options = options ?? new RefreshOptions();

    /// <summary>One run; <paramref name="clusterDone"/> is called as each cluster is finished (a progress line on a terminal).</summary>
    internal async Task<RefreshReport> RunAsync(Fleet fleet, RefreshRequest request, DateTimeOffset? deadline, CancellationToken cancellationToken, Action? clusterDone = null)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(request);
        var started = clock.GetTimestamp();
        var clusters = TargetResolver.Clusters(fleet, request);
        var operation = request.Operation;
        logger.RunStarted(operation, clusters.Count, request.DryRun);

        using var budget = new RunBudget(deadline, clock, options, cancellationToken);
        ClusterReport[] reports;
        DateTimeOffset? expiresAt = null;
        if (budget.TooLate)
        {
            // Nothing could be written in the time left: not even the registry login is worth sending.
            logger.RunNotStarted(budget.RemainingMs ?? 0);
            reports = [.. clusters.Select(ReportAssembler.Skipped)];
        }
        else
        {
            // The system trust store is loaded once per process, under a lock, by the first certificate check;
            // load it now, while the login and the lookups wait on the network, not in the first handshakes.
            TrustStore.WarmUp();

            // The registry login and the clusters' AWS lookups run at the same time; nothing is written before the
            // login answered. A failed login stops the run's budget, so every cluster stops, and fails with it.
            var login = new RegistryLogin(aws, logger).StartAsync(operation, budget);
            using var worker = new ClusterWorker(aws, clock, logger, options, fleet, request, budget, login);
            var worked = await Task.WhenAll(clusters.Select(cluster => worker.RunAsync(cluster, clusterDone))).ConfigureAwait(false);
            var outcome = await login.ConfigureAwait(false);
            expiresAt = outcome.Password?.ExpiresAt;
            reports = outcome.Error is { } loginError ? [.. clusters.Select(cluster => ReportAssembler.Failed(cluster, loginError))]
                : !outcome.AllowsWrites ? [.. clusters.Select(ReportAssembler.Skipped)]
                : worked;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var report = new RefreshReport(
            ReportAssembler.Rollup(reports.Select(report => report.Status)),
            request.DryRun,
            expiresAt,
            (long)clock.GetElapsedTime(started).TotalMilliseconds,
            reports)
        {
            Operation = operation,
            OldestSecretAgeSeconds = reports.Select(cluster => cluster.OldestSecretAgeSeconds).Max(),
        };
        logger.RunFinished(operation, report.Status, report.DurationMs);
        return report;
    }
}
