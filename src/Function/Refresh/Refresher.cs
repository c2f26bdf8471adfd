using System.Diagnostics;
using EcrPublicLambda.Aws;
using EcrPublicLambda.Common;
using EcrPublicLambda.Configuration;
using EcrPublicLambda.Kubernetes;
using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Refresh;

/// <summary>
/// One run: ONE ECR Public token for every cluster, then every selected cluster concurrently (its namespaces
/// concurrently within the cluster's bound). A failure of one cluster, namespace or service account is reported
/// and never stops the others. The registry password stays inside <see cref="DockerConfigSecret"/>.
/// A cleanup (<see cref="RefreshRequest.Cleanup"/>) runs the same way with no login, and does the reverse in each
/// namespace (<see cref="NamespaceSteps.Cleanup"/>).
/// </summary>
internal sealed partial class Refresher(AwsClients aws, TimeProvider clock, ILogger logger, RefreshOptions? options = null)
{
    private readonly RefreshOptions options = options ?? new RefreshOptions();
    private readonly ClusterCredentialSource sources = new(aws, clock, logger);

    /// <summary>One run; <paramref name="clusterDone"/> is called as each cluster is finished (a progress line on a terminal).</summary>
    internal async Task<RefreshReport> RunAsync(Fleet fleet, RefreshRequest request, DateTimeOffset? deadline, CancellationToken cancellationToken, Action? clusterDone = null)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(request);
        var started = clock.GetTimestamp();
        var clusters = Select(fleet, request);
        var operation = request.Cleanup ? RunOperation.Cleanup : RunOperation.Refresh;
        logger.RunStarted(operation, clusters.Count, request.DryRun);

        using var cutoff = deadline is { } at
            ? new CancellationTokenSource(Max(at - clock.GetUtcNow() - options.DeadlineCutoff, TimeSpan.Zero), clock)
            : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, cutoff.Token);
        var run = new Run(fleet, operation, request.DryRun, deadline, linked.Token) { SelectionOnly = request.SelectionOnly };

        ClusterReport[] reports;
        DateTimeOffset? expiresAt = null;
        if (TooLate(run))
        {
            // Nothing could be written in the time left: not even the registry login is worth sending.
            logger.RunNotStarted((long)(deadline!.Value - clock.GetUtcNow()).TotalMilliseconds);
            reports = [.. clusters.Select(SkippedCluster)];
        }
        else
        {
            // The system trust store is loaded once per process, under a lock, by the first certificate check;
            // load it now, while the login and the lookups wait on the network, not in the first handshakes.
            TrustStore.WarmUp();

            // The registry login and the clusters' AWS lookups run at the same time; nothing is written before the
            // login answered. A failed login stops the lookups still running and fails every cluster.
            using var loginFailed = CancellationTokenSource.CreateLinkedTokenSource(linked.Token);
            // A cleanup writes no password: it needs no login.
            var login = request.Cleanup ? Task.FromResult<(DockerConfigSecret?, string?)>((null, null)) : LogInAsync(linked, loginFailed);
            using var lookups = new SemaphoreSlim(options.MaxLookups, options.MaxLookups);
            using var gate = new SemaphoreSlim(options.MaxClusters, options.MaxClusters);
            var clusterRun = run with { CancellationToken = loginFailed.Token };
            var refreshed = await Task.WhenAll(clusters.Select(async cluster =>
            {
                try
                {
                    return await IsolatedAsync(cluster, () => RefreshClusterAsync(cluster, login, clusterRun, lookups, gate), clusterRun.CancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    clusterDone?.Invoke();
                }
            })).ConfigureAwait(false);
            var (secret, loginError) = await login.ConfigureAwait(false);
            expiresAt = secret?.ExpiresAt;
            reports = loginError is not null ? [.. clusters.Select(cluster => FailedCluster(cluster, loginError))]
                : secret is null && !request.Cleanup ? [.. clusters.Select(SkippedCluster)]
                : refreshed;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var report = new RefreshReport(
            Rollup(reports.Select(report => report.Status)),
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

    /// <summary>
    /// The clusters the request names (every cluster of that name, in any region), or all; in fleet order. The hosts
    /// reject unknown names with their own messages before a run starts; reaching here with one is a bug.
    /// </summary>
    private static List<ClusterConfig> Select(Fleet fleet, RefreshRequest request)
    {
        if (request.Clusters.Count == 0)
        {
            return [.. fleet.Clusters];
        }

        if (request.Clusters.FirstOrDefault(name => !fleet.HasCluster(name)) is { } unknown)
        {
            throw new ArgumentException($"unknown cluster \"{unknown}\"", nameof(request));
        }

        var wanted = request.Clusters.ToHashSet(StringComparer.Ordinal);
        return [.. fleet.Clusters.Where(cluster => wanted.Contains(cluster.Name))];
    }

    /// <summary>
    /// The run's one ECR Public login. A failure (or the deadline) cancels <paramref name="loginFailed"/>, so that the
    /// clusters waiting on the login stop. Neither member set: the deadline cut the login short.
    /// </summary>
    private async Task<(DockerConfigSecret? Secret, string? Error)> LogInAsync(CancellationTokenSource linked, CancellationTokenSource loginFailed)
    {
        try
        {
            var login = await aws.GetEcrPublicTokenAsync(linked.Token).ConfigureAwait(false);
            return (new DockerConfigSecret(login.Password, login.ExpiresAt), null);
        }
        catch (Exception e) when (e is AwsServiceException or AwsCredentialsException or HttpRequestException or FormatException or ArgumentException)
        {
            var error = $"ECR Public GetAuthorizationToken failed, so no cluster was written: {ErrorText.Sanitize(e.Message, 512)}";
            logger.RegistryLoginFailed(error);
            await loginFailed.CancelAsync().ConfigureAwait(false);
            return (null, error);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            // The deadline (or the caller) cut the login short: every cluster is reported as not started.
            await loginFailed.CancelAsync().ConfigureAwait(false);
            return (null, null);
        }
    }

    /// <summary>
    /// Any exception inside one cluster's work (a bug, an answer nothing foresaw) fails that cluster only, with a message
    /// fit for the report; cancellation of the run is not caught.
    /// </summary>
    private async Task<ClusterReport> IsolatedAsync(ClusterConfig cluster, Func<Task<ClusterReport>> work, CancellationToken cancellationToken)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The point: whatever one cluster throws stays with that cluster.
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            var error = $"unexpected error ({e.GetType().Name}): {ErrorText.Sanitize(e.Message, 256)}";
            logger.ClusterCrashed(cluster.Name, cluster.Region, error);
            return FailedCluster(cluster, error);
        }
    }

    private async Task<ClusterReport> RefreshClusterAsync(
        ClusterConfig cluster, Task<(DockerConfigSecret? Secret, string? Error)> login, Run run, SemaphoreSlim lookups, SemaphoreSlim gate)
    {
        // The AWS lookup (role credentials, DescribeCluster or the credentials' secret) runs ahead under its own bound,
        // so the next clusters' endpoints are known by the time a Kubernetes slot frees up.
        ClusterTarget? target = null;
        try
        {
            return await WithTargetAsync().ConfigureAwait(false);
        }
        finally
        {
            // The credentials read for this cluster end with its work: the process may live on to the next run.
            target?.Dispose();
        }

        async Task<ClusterReport> WithTargetAsync()
        {
            DockerConfigSecret? secret;
            try
            {
                await lookups.WaitAsync(run.CancellationToken).ConfigureAwait(false);
                try
                {
                    if (TooLate(run))
                    {
                        return SkippedCluster(cluster);
                    }

                    target = await sources.OpenAsync(cluster, run.CancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    lookups.Release();
                }

                // Without a login nothing is written (a cleanup needs none); the run reports every cluster from the login's outcome.
                secret = (await login.ConfigureAwait(false)).Secret;
                if (secret is null && run.Operation == RunOperation.Refresh)
                {
                    return SkippedCluster(cluster);
                }

                await gate.WaitAsync(run.CancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (run.CancellationToken.IsCancellationRequested)
            {
                return SkippedCluster(cluster);
            }
            catch (Exception e) when (e is AwsServiceException or AwsCredentialsException or HttpRequestException or ArgumentException or FormatException)
            {
                return FailedLookup(cluster, e);
            }

            try
            {
                return await WorkOnClusterAsync(cluster, target, secret, run).ConfigureAwait(false) with { CredentialsExpireAt = target.CredentialsExpireAt };
            }
            finally
            {
                gate.Release();
            }
        }
    }

    private async Task<ClusterReport> WorkOnClusterAsync(ClusterConfig cluster, ClusterTarget target, DockerConfigSecret? secret, Run run)
    {
        try
        {
            if (TooLate(run))
            {
                return SkippedCluster(cluster);
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
                var (lease, leaseError) = await TakeLeaseAsync(kube, cluster, run).ConfigureAwait(false);
                await using var held = lease;
                if (leaseError is not null)
                {
                    return LeaseRefused(cluster, leaseError);
                }

                var (selected, terminating, listError) = await SelectNamespacesAsync(kube, cluster, run).ConfigureAwait(false);
                if (listError is not null)
                {
                    logger.ClusterFailed(cluster.Name, cluster.Region, listError);
                    return FailedCluster(cluster, listError);
                }

                // How old the oldest of our Secrets is before this run writes (the metric an alarm watches: runs are not
                // reaching a namespace in time). Read from one cluster-wide list; without the grant to list, no figure.
                var oldest = run.Operation == RunOperation.Refresh ? await OldestSecretAgeAsync(kube, selected, run).ConfigureAwait(false) : null;
                var steps = run.Operation == RunOperation.Cleanup
                    ? NamespaceSteps.Cleanup(kube, run.Fleet, run.DryRun)
                    : NamespaceSteps.Refresh(kube, run.Fleet, secret!, run.DryRun);
                var namespaces = await Task.WhenAll(selected.Select(ns => WorkOnNamespaceAsync(cluster, ns, steps, run))).ConfigureAwait(false);
                var (swept, @unchecked, sweepFailed) = await SweepAsync(kube, cluster, [.. selected, .. terminating], run).ConfigureAwait(false);
                var all = namespaces.Concat(swept).ToList();
                var report = Summarize(cluster, [.. all.Select(n => n.Secret)], [.. all.SelectMany(n => n.ServiceAccounts)]) with { Unchecked = @unchecked, OldestSecretAgeSeconds = oldest };
                if (sweepFailed && report.Status == RunStatus.Succeeded)
                {
                    // The Secret list failed (not refused by design, 403): a stale Secret may have been missed, so say so in the status.
                    report = report with { Status = RunStatus.Partial };
                }

                logger.ClusterFinished(run.Operation, report);
                return report;
            }
        }
        catch (OperationCanceledException) when (run.CancellationToken.IsCancellationRequested)
        {
            return SkippedCluster(cluster);
        }
    }

    /// <summary>
    /// The namespaces this run works on: the exact names as listed, or (patterns, a selector) the resolution of one
    /// namespace list, plus the exact names the list lacks, which then fail as "not found" like any missing namespace.
    /// </summary>
    private async Task<(IReadOnlyList<string> Namespaces, IReadOnlyList<string> Terminating, string? Error)> SelectNamespacesAsync(
        KubernetesCluster kube, ClusterConfig cluster, Run run)
    {
        var selection = NamespaceSelection.For(cluster);
        if (!selection.NeedsNamespaceList)
        {
            return (selection.ExactNamespaces, [], null);
        }

        var (listed, error) = await kube.ListNamespacesAsync(selection.LabelSelectorQuery, run.CancellationToken).ConfigureAwait(false);
        if (listed is null)
        {
            return ([], [], error);
        }

        var resolution = selection.Resolve(listed);
        if (resolution.Terminating.Count > 0)
        {
            logger.NamespacesTerminating(cluster.Name, cluster.Region, string.Join(", ", resolution.Terminating));
        }

        return ([.. resolution.Namespaces.Concat(resolution.Missing).Order(StringComparer.Ordinal)], resolution.Terminating, null);
    }

    /// <summary>
    /// The sweep of one cluster (<see cref="Sweep"/>): find our Secrets outside <paramref name="kept"/> with one list, or,
    /// when the list is refused or fails, by reading the Secret in the namespaces the fleet names; then remove each as a
    /// cleanup does, service-account entries included. The swept namespaces' reports, what could not be checked, and
    /// whether the list failed (other than refused: 403 is how edit-policy access and namespace Roles answer by design).
    /// </summary>
    private async Task<(List<(SecretReport Secret, List<ServiceAccountReport> ServiceAccounts)> Namespaces, string? Unchecked, bool Failed)> SweepAsync(
        KubernetesCluster kube, ClusterConfig cluster, IReadOnlyList<string> kept, Run run)
    {
        if (!Sweep.Applies(cluster, run.Operation, run.SelectionOnly) || TooLate(run))
        {
            return ([], null, false);
        }

        var keep = kept.ToHashSet(StringComparer.Ordinal);
        var (found, forbidden, listError) = await kube.ListSecretsAsync(run.Fleet.SecretName, run.CancellationToken).ConfigureAwait(false);
        string? @unchecked = null;
        var targets = new List<string>();
        if (found is not null)
        {
            targets.AddRange(found.Where(secret => Sweep.Removes(secret, keep, run.Fleet.Instance)).Select(secret => secret.Namespace).Order(StringComparer.Ordinal));
        }
        else
        {
            var fallback = Sweep.FallbackNamespaces(cluster, keep);
            @unchecked = Sweep.Unchecked(listError!, fallback, forbidden);
            logger.SweepUnchecked(cluster.Name, cluster.Region, @unchecked);
            foreach (var ns in fallback)
            {
                var (secret, readError) = await kube.ReadSecretAsync(ns, run.Fleet.SecretName, run.CancellationToken).ConfigureAwait(false);
                if (Sweep.RemovesAfterRead(secret, readError, keep, run.Fleet.Instance))
                {
                    targets.Add(ns);
                }
            }
        }

        var steps = NamespaceSteps.Cleanup(kube, run.Fleet, run.DryRun);
        var swept = await Task.WhenAll(targets.Select(ns => WorkOnNamespaceAsync(cluster, ns, steps, run))).ConfigureAwait(false);
        return ([.. swept], @unchecked, found is null && !forbidden);
    }

    /// <summary>
    /// The age in seconds of the oldest of our Secrets in the namespaces this run works on, since our field manager last
    /// wrote it, as one cluster-wide list of the Secret name finds them before any write; null when there is none or the
    /// list is not allowed or failed (the run goes on either way).
    /// </summary>
    private async Task<long?> OldestSecretAgeAsync(KubernetesCluster kube, IReadOnlyList<string> selected, Run run)
    {
        var listing = await kube.ListSecretsAsync(run.Fleet.SecretName, run.CancellationToken).ConfigureAwait(false);
        if (listing.Secrets is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var wanted = selected.ToHashSet(StringComparer.Ordinal);
        return listing.Secrets
            .Where(secret => secret.WhyNotOurs(run.Fleet.Instance) is null && secret.WrittenAt is not null && wanted.Contains(secret.Namespace))
            .Select(secret => (long?)Math.Max(0, (long)(now - secret.WrittenAt!.Value).TotalSeconds))
            .Max();
    }

    private ClusterReport FailedLookup(ClusterConfig cluster, Exception e)
    {
        var error = ErrorText.Sanitize(e.Message, 512);
        logger.ClusterFailed(cluster.Name, cluster.Region, error);
        return FailedCluster(cluster, error);
    }

    private async Task<(SecretReport Secret, List<ServiceAccountReport> ServiceAccounts)> WorkOnNamespaceAsync(
        ClusterConfig cluster, string ns, NamespaceSteps steps, Run run)
    {
        if (TooLate(run))
        {
            return Skipped(cluster, ns, NotStarted);
        }

        SecretResult result;
        string? error;
        try
        {
            (result, error) = await steps.Secret(ns, run.CancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (run.CancellationToken.IsCancellationRequested)
        {
            return Skipped(cluster, ns, Interrupted);
        }

        var accounts = new List<ServiceAccountReport>(cluster.ServiceAccounts.Count);
        foreach (var name in cluster.ServiceAccounts)
        {
            if (steps.AccountsBlocked(result) is { } blocked)
            {
                accounts.Add(new ServiceAccountReport(ns, name, ServiceAccountResult.Skipped, blocked));
                continue;
            }

            if (TooLate(run))
            {
                accounts.Add(new ServiceAccountReport(ns, name, ServiceAccountResult.Skipped, NotStarted));
                continue;
            }

            try
            {
                var (accountResult, accountError) = await steps.ServiceAccount(ns, name, run.CancellationToken).ConfigureAwait(false);
                accounts.Add(new ServiceAccountReport(ns, name, accountResult, accountError));
            }
            catch (OperationCanceledException) when (run.CancellationToken.IsCancellationRequested)
            {
                accounts.Add(new ServiceAccountReport(ns, name, ServiceAccountResult.Skipped, Interrupted));
            }
        }

        return (new SecretReport(ns, result, error), accounts);
    }

    private const string NotStarted = "not started: too little time was left before the invocation deadline";
    private const string Interrupted = "interrupted: the invocation deadline was reached";

    private bool TooLate(Run run) =>
        run.Deadline is { } deadline && clock.GetUtcNow() + options.DeadlineReserve >= deadline;

    private static (SecretReport, List<ServiceAccountReport>) Skipped(ClusterConfig cluster, string ns, string reason) =>
        (new SecretReport(ns, SecretResult.Skipped, reason),
         [.. cluster.ServiceAccounts.Select(name => new ServiceAccountReport(ns, name, ServiceAccountResult.Skipped, reason))]);

    private static ClusterReport SkippedCluster(ClusterConfig cluster) =>
        new(cluster.Name, cluster.Region, RunStatus.Failed, NotStarted,
            [.. KnownNamespaces(cluster).Select(ns => new SecretReport(ns, SecretResult.Skipped, NotStarted))],
            [.. KnownTargets(cluster).Select(t => new ServiceAccountReport(t.Namespace, t.Name, ServiceAccountResult.Skipped, NotStarted))]);

    /// <summary>A cluster that could not be reached at all: the error once on the cluster, every entry failed.</summary>
    private static ClusterReport FailedCluster(ClusterConfig cluster, string error) =>
        new(cluster.Name, cluster.Region, RunStatus.Failed, error,
            [.. KnownNamespaces(cluster).Select(ns => new SecretReport(ns, SecretResult.Failed, "not attempted: the cluster failed (see its error)"))],
            [.. KnownTargets(cluster).Select(t => new ServiceAccountReport(t.Namespace, t.Name, ServiceAccountResult.Failed, "not attempted: the cluster failed (see its error)"))]);

    /// <summary>
    /// The namespaces a cluster that was not worked on is reported with: its exact names, not excluded. Patterns and
    /// selected namespaces are unknown until the namespace list, so they are not reported (the cluster's error says why).
    /// </summary>
    private static IReadOnlyList<string> KnownNamespaces(ClusterConfig cluster) => NamespaceSelection.For(cluster).ExactNamespaces;

    private static IEnumerable<(string Namespace, string Name)> KnownTargets(ClusterConfig cluster) =>
        KnownNamespaces(cluster).SelectMany(ns => cluster.ServiceAccounts.Select(name => (ns, name)));

    private static ClusterReport Summarize(ClusterConfig cluster, SecretReport[] secrets, ServiceAccountReport[] accounts, string? error = null)
    {
        var outcomes = secrets.Select(s => Outcomes.IsDone(s.Result))
            .Concat(accounts.Select(a => Outcomes.IsDone(a.Result)))
            .ToList();
        var status = outcomes.All(ok => ok) ? RunStatus.Succeeded : outcomes.Any(ok => ok) ? RunStatus.Partial : RunStatus.Failed;

        // When every namespace failed for the same reason (e.g. the API server is unreachable), say it once on the cluster.
        if (error is null && status == RunStatus.Failed && secrets.Length > 0 && secrets.All(s => s.Result == SecretResult.Failed)
            && secrets.Select(s => s.Error).Distinct(StringComparer.Ordinal).Count() == 1)
        {
            error = secrets[0].Error;
        }

        return new ClusterReport(cluster.Name, cluster.Region, status, error, secrets, accounts);
    }

    internal static RunStatus Rollup(IEnumerable<RunStatus> statuses)
    {
        var all = statuses.ToList();
        return all.All(s => s == RunStatus.Succeeded) ? RunStatus.Succeeded
            : all.All(s => s == RunStatus.Failed) ? RunStatus.Failed
            : RunStatus.Partial;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private sealed record Run(Fleet Fleet, RunOperation Operation, bool DryRun, DateTimeOffset? Deadline, CancellationToken CancellationToken)
    {
        /// <summary>A cleanup of exactly the fleet's selection: no sweep (<see cref="RefreshRequest.SelectionOnly"/>).</summary>
        public bool SelectionOnly { get; init; }
    }
}
