using EcrPublicLambda.Aws;
using EcrPublicLambda.Common;
using EcrPublicLambda.Configuration;
using EcrPublicLambda.Kubernetes;
using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Refresh;

/// <summary>
/// Works one cluster of a run, start to end: its lookup by its kind (<see cref="ClusterCredentialSource"/>: role
/// credentials, DescribeCluster or the credentials' secret) under one bound, then,
/// once the login allows writes, its connection under another, its namespaces resolved and each worked on
/// concurrently, and its report. Whatever one cluster throws stays with that cluster (<see cref="RunAsync"/>).
/// One per run: it holds the run's two bounds.
/// </summary>
internal sealed class ClusterWorker(
    AwsClients aws, TimeProvider clock, ILogger logger, RefreshOptions options, Fleet fleet, RefreshRequest request, RunBudget budget, Task<LoginOutcome> login)
    : IDisposable
{
    // The lookups run ahead of the connections, so the next clusters' endpoints are known when a connection slot frees up.
    private readonly SemaphoreSlim lookups = new(options.MaxLookups, options.MaxLookups);
    private readonly SemaphoreSlim connections = new(options.MaxClusters, options.MaxClusters);
    private readonly TargetResolver targets = new(logger);
    private readonly ClusterCredentialSource sources = new(aws, clock, logger);
    private readonly RunLeases leases = new(clock, logger, options, fleet, request, budget);

    /// <summary>
    /// The cluster's report. Any exception inside its work (a bug, an answer nothing foresaw) fails that cluster only,
    /// with a message fit for the report; the end of the run is not caught. <paramref name="done"/> is called when the
    /// cluster is finished, however it ended (a progress line on a terminal).
    /// </summary>
    internal async Task<ClusterReport> RunAsync(ClusterConfig cluster, Action? done = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        try
        {
            return await WorkAsync(cluster).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The point: whatever one cluster throws stays with that cluster.
        catch (Exception e) when (e is not OperationCanceledException || !budget.IsOver)
#pragma warning restore CA1031
        {
            var error = $"unexpected error ({e.GetType().Name}): {ErrorText.Sanitize(e.Message, 256)}";
            logger.ClusterCrashed(cluster.Name, cluster.Region, error);
            return ReportAssembler.Failed(cluster, error);
        }
        finally
        {
            done?.Invoke();
        }
    }

    public void Dispose()
    {
        lookups.Dispose();
        connections.Dispose();
    }

    private async Task<ClusterReport> WorkAsync(ClusterConfig cluster)
    {
        ClusterTarget? target = null;
        try
        {
            return await WorkAsync(cluster, opened => target = opened).ConfigureAwait(false);
        }
        finally
        {
            // The credentials read for this cluster end with its work: the process may live on to the next run.
            target?.Dispose();
        }
    }

    private async Task<ClusterReport> WorkAsync(ClusterConfig cluster, Action<ClusterTarget> opened)
    {
        ClusterTarget target;
        SecretContent? content = null;
        try
        {
            await lookups.WaitAsync(budget.Token).ConfigureAwait(false);
            try
            {
                if (budget.TooLate)
                {
                    return ReportAssembler.Skipped(cluster);
                }

                target = await sources.OpenAsync(cluster, budget.Token).ConfigureAwait(false);
                opened(target);
            }
            finally
            {
                lookups.Release();
            }

            // Nothing is written before the login answered; without credentials (cut short, every registry failed) the run reports
            // every cluster from the login's outcome.
            var loggedIn = await login.ConfigureAwait(false);
            if (!loggedIn.AllowsWrites)
            {
                return ReportAssembler.Skipped(cluster);
            }

            if (loggedIn.Logins is { } logins)
            {
                var (secret, failedRegistries) = logins.For(fleet, cluster);
                if (secret is null)
                {
                    // Every registry of this cluster failed: its Secrets stay as they are.
                    var error = $"no Secret was written: {string.Join("; ", failedRegistries)}";
                    logger.ClusterFailed(cluster.Name, cluster.Region, error);
                    return ReportAssembler.Failed(cluster, error);
                }

                content = new SecretContent(secret, failedRegistries);
            }

            await connections.WaitAsync(budget.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (budget.IsOver)
        {
            return ReportAssembler.Skipped(cluster);
        }
        catch (Exception e) when (e is AwsServiceException or AwsCredentialsException or HttpRequestException or ArgumentException or FormatException)
        {
            return FailedLookup(cluster, e);
        }

        try
        {
            return await ConnectedAsync(cluster, target, content).ConfigureAwait(false) with { CredentialsExpireAt = target.CredentialsExpireAt };
        }
        catch (OperationCanceledException) when (budget.IsOver)
        {
            return ReportAssembler.Skipped(cluster);
        }
        finally
        {
            connections.Release();
        }
    }

    private async Task<ClusterReport> ConnectedAsync(ClusterConfig cluster, ClusterTarget target, SecretContent? content)
    {
        if (budget.TooLate)
        {
            return ReportAssembler.Skipped(cluster);
        }

        KubernetesCluster kube;
        try
        {
            kube = KubernetesCluster.Create(target.Endpoint, target.Authority, target.Credential, clock, logger, options.Kubernetes, target.UnreachableHint);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            return FailedLookup(cluster, e);
        }

        using (kube)
        {
            var (lease, leaseError) = await leases.TakeAsync(kube, cluster).ConfigureAwait(false);
            await using var held = lease;
            if (leaseError is not null)
            {
                return ReportAssembler.LeaseRefused(cluster, leaseError);
            }

            var (namespaces, terminating, listError) = await targets.NamespacesAsync(kube, cluster, budget.Token).ConfigureAwait(false);
            if (listError is not null)
            {
                logger.ClusterFailed(cluster.Name, cluster.Region, listError);
                return ReportAssembler.Failed(cluster, listError);
            }

            // One cluster-wide list of the Secret name per cluster, before any write (issue 20: "no extra request"): both
            // the oldest-Secret age and the sweep's targets come from it. The sweep only touches namespaces outside the
            // selection, which this run does not write, so what the list found there is what the sweep acts on.
            var measures = request.Operation.MeasuresOldestSecret;
            var sweeps = request.Operation.Sweeps(cluster);
            var listing = measures || sweeps ? await kube.ListSecretsAsync(fleet.SecretName, budget.Token).ConfigureAwait(false) : null;
            var oldest = measures ? OldestSecretAge(listing!, namespaces) : null;
            var steps = request.Operation.StepsFor(kube, fleet, content, request.DryRun);
            var worked = await Task.WhenAll(namespaces.Select(ns => NamespaceWorker.RunAsync(cluster, ns, steps, budget))).ConfigureAwait(false);
            var (swept, @unchecked, sweepFailed) = sweeps
                ? await SweepAsync(kube, cluster, [.. namespaces, .. terminating], listing!).ConfigureAwait(false)
                : ([], null, false);
            var report = ReportAssembler.Cluster(
                    cluster,
                    request.Operation,
                    [.. worked.Select(n => n.Secret)],
                    [.. worked.SelectMany(n => n.ServiceAccounts)],
                    [.. swept.Select(n => n.Secret)],
                    [.. swept.SelectMany(n => n.ServiceAccounts)])
                with { Unchecked = @unchecked, OldestSecretAgeSeconds = oldest };
            if (sweepFailed && report.Status == RunStatus.Succeeded)
            {
                // The Secret list failed (not refused by design, 403): a stale Secret may have been missed, so say so in the status.
                report = report with { Status = RunStatus.Partial };
            }

            logger.ClusterFinished(request.Operation, report);
            return report;
        }
    }

    /// <summary>
    /// The age in seconds of the oldest of our Secrets (of this fleet's instance) in the namespaces this run works on,
    /// since our field manager last wrote it, as the cluster's Secret list found them before any write; null when there is
    /// none or the list was not allowed or failed (the run goes on either way: without the grant to list, no figure).
    /// </summary>
    private long? OldestSecretAge(SecretListing listing, IReadOnlyList<string> namespaces)
    {
        if (listing.Secrets is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var wanted = namespaces.ToHashSet(StringComparer.Ordinal);
        return listing.Secrets
            .Where(secret => secret.WhyNotOurs(fleet.Instance) is null && secret.WrittenAt is not null && wanted.Contains(secret.Namespace))
            .Select(secret => (long?)Math.Max(0, (long)(now - secret.WrittenAt!.Value).TotalSeconds))
            .Max();
    }

    /// <summary>
    /// The sweep of one cluster (<see cref="Sweep"/>), when the operation sweeps it: our Secrets outside
    /// <paramref name="kept"/> as the cluster's Secret list (<paramref name="listing"/>, read before the writes) found
    /// them, or, when the list was refused or failed, as read one by one in the namespaces the fleet names; then each is
    /// removed as a cleanup does (which reads it again for the delete's preconditions), service-account entries included.
    /// The swept namespaces' reports, what could not be checked, and whether the list failed (other than refused: 403 is
    /// how edit-policy access and namespace Roles answer by design).
    /// </summary>
    private async Task<(NamespaceReport[] Namespaces, string? Unchecked, bool Failed)> SweepAsync(
        KubernetesCluster kube, ClusterConfig cluster, IReadOnlyList<string> kept, SecretListing listing)
    {
        if (budget.TooLate)
        {
            return ([], null, false);
        }

        var keep = kept.ToHashSet(StringComparer.Ordinal);
        var (found, forbidden, listError) = listing;
        string? @unchecked = null;
        var targets = new List<string>();
        if (found is not null)
        {
            targets.AddRange(found.Where(secret => Sweep.Removes(secret, keep, fleet.Instance)).Select(secret => secret.Namespace).Order(StringComparer.Ordinal));
        }
        else
        {
            var fallback = Sweep.FallbackNamespaces(cluster, keep);
            @unchecked = Sweep.Unchecked(listError!, fallback, forbidden);
            logger.SweepUnchecked(cluster.Name, cluster.Region, @unchecked);
            foreach (var ns in fallback)
            {
                var (secret, readError) = await kube.ReadSecretAsync(ns, fleet.SecretName, budget.Token).ConfigureAwait(false);
                if (Sweep.RemovesAfterRead(secret, readError, keep, fleet.Instance))
                {
                    targets.Add(ns);
                }
            }
        }

        var steps = RunOperation.Cleanup.StepsFor(kube, fleet, null, request.DryRun);
        var swept = await Task.WhenAll(targets.Select(ns => NamespaceWorker.RunAsync(cluster, ns, steps, budget))).ConfigureAwait(false);
        return (swept, @unchecked, found is null && !forbidden);
    }

    private ClusterReport FailedLookup(ClusterConfig cluster, Exception e)
    {
        var error = ErrorText.Sanitize(e.Message, 512);
        logger.ClusterFailed(cluster.Name, cluster.Region, error);
        return ReportAssembler.Failed(cluster, error);
    }
}
