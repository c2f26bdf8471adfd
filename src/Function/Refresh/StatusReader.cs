using EcrPublicLambda.Aws;
using EcrPublicLambda.Common;
using EcrPublicLambda.Configuration;
using EcrPublicLambda.Kubernetes;
using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Refresh;

/// <summary>
/// <c>bootstrap status</c>: reads, never writes. No registry login. Per cluster (concurrently, within the run's bound):
/// the AWS lookup, the namespace list when the selection needs one, ONE cluster-wide list of the Secret name (or, when
/// RBAC forbids it, one GET per selected namespace), and one GET per listed service account where our Secret is. Each
/// namespace gets a <see cref="Verdict"/>; a cluster that cannot be read is reported with why, and never stops the others.
/// </summary>
internal sealed class StatusReader(AwsClients aws, TimeProvider clock, ILogger logger, RefreshOptions? options = null)
{
    private readonly RefreshOptions options = options ?? new RefreshOptions();

    /// <summary>Reads the selected clusters; <paramref name="clusterDone"/> is called as each one is finished (for a progress line).</summary>
    internal async Task<StatusReport> ReadAsync(Fleet fleet, StatusRequest request, Action? clusterDone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(request);
        var started = clock.GetTimestamp();
        var wanted = request.Clusters.ToHashSet(StringComparer.Ordinal);
        if (wanted.FirstOrDefault(name => !fleet.HasCluster(name)) is { } unknown)
        {
            throw new ArgumentException($"unknown cluster \"{unknown}\"", nameof(request));
        }

        var clusters = fleet.Clusters.Where(cluster => wanted.Count == 0 || wanted.Contains(cluster.Name)).ToList();
        logger.StatusStarted(clusters.Count);
        TrustStore.WarmUp();
        var now = clock.GetUtcNow();
        using var gate = new SemaphoreSlim(options.MaxClusters, options.MaxClusters);
        var read = await Task.WhenAll(clusters.Select(async cluster =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await IsolatedAsync(cluster, fleet, request, now, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
                clusterDone?.Invoke();
            }
        })).ConfigureAwait(false);

        var namespaces = read.SelectMany(cluster => cluster.Namespaces).ToList();
        var healthy = read.All(cluster => cluster.Reachable)
            && namespaces.All(ns => ns.Error is null && (!ns.Selected || ns.Verdict == Verdict.Fresh));
        var counts = VerdictCounts.Of(namespaces.Where(ns => ns.Verdict is not null).Select(ns => ns.Verdict!.Value));
        var report = new StatusReport(now, (long)request.ExpiringWithin.TotalSeconds, healthy, counts, (long)clock.GetElapsedTime(started).TotalMilliseconds, read);
        logger.StatusFinished(healthy, counts.Fresh, counts.Expiring, counts.Stale, counts.Missing, counts.Foreign, counts.Orphaned, report.DurationMs);
        return report;
    }

    /// <summary>Whatever one cluster throws (but the caller's cancellation) stays with that cluster.</summary>
    private async Task<ClusterStatus> IsolatedAsync(ClusterConfig cluster, Fleet fleet, StatusRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadClusterAsync(cluster, fleet, request, now, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The point: whatever one cluster throws stays with that cluster.
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            return Unread(cluster, null, $"unexpected error ({e.GetType().Name}): {ErrorText.Sanitize(e.Message, 256)}");
        }
    }

    private async Task<ClusterStatus> ReadClusterAsync(ClusterConfig cluster, Fleet fleet, StatusRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var endpointFrom = cluster.Endpoint is null ? "describeCluster" : "fleet";
        ClusterTarget target;
        try
        {
            target = await new ClusterCredentialSource(aws, clock, logger).OpenAsync(cluster, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AwsServiceException or AwsCredentialsException or HttpRequestException or ArgumentException or FormatException)
        {
            return Unread(cluster, endpointFrom, ErrorText.Sanitize(e.Message, 512));
        }

        // The credentials read for this cluster end with its reading.
        using var credentials = target;
        KubernetesCluster kube;
        try
        {
            kube = KubernetesCluster.Create(target.Endpoint, target.Authority, target.Credential, clock, logger, options.Kubernetes, target.UnreachableHint);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            return Unread(cluster, endpointFrom, ErrorText.Sanitize(e.Message, 512));
        }

        using (kube)
        {
            var selection = NamespaceSelection.For(cluster);
            IReadOnlyList<string> selected = selection.ExactNamespaces;
            var leftAlone = new HashSet<string>(StringComparer.Ordinal);
            if (selection.NeedsNamespaceList)
            {
                var (listed, listError) = await kube.ListNamespacesAsync(selection.LabelSelectorQuery, cancellationToken).ConfigureAwait(false);
                if (listed is null)
                {
                    return Unread(cluster, endpointFrom, listError);
                }

                var resolution = selection.Resolve(listed);
                selected = [.. resolution.Namespaces.Concat(resolution.Missing)];
                leftAlone.UnionWith(resolution.Terminating);
            }

            var selectedSet = selected.ToHashSet(StringComparer.Ordinal);
            var found = new Dictionary<string, ListedSecret>(StringComparer.Ordinal);
            var readErrors = new Dictionary<string, string>(StringComparer.Ordinal);
            string readBy;
            var listing = await kube.ListSecretsAsync(fleet.SecretName, cancellationToken).ConfigureAwait(false);
            if (listing.Secrets is { } secrets)
            {
                readBy = "list";
                foreach (var secret in secrets)
                {
                    found[secret.Namespace] = secret;
                }
            }
            else if (listing.Forbidden)
            {
                readBy = "get";
                var gets = await Task.WhenAll(selected.Select(async ns => (ns, read: await kube.ReadSecretAsync(ns, fleet.SecretName, cancellationToken).ConfigureAwait(false))))
                    .ConfigureAwait(false);
                foreach (var (ns, (secret, error)) in gets)
                {
                    if (secret is not null)
                    {
                        found[ns] = secret;
                    }
                    else if (error is not null)
                    {
                        readErrors[ns] = error;
                    }
                }
            }
            else
            {
                return Unread(cluster, endpointFrom, listing.Error);
            }

            // Selected namespaces first, then our Secrets where nothing selects them any more (a namespace being deleted is neither).
            var names = selected
                .Concat(found.Values.Where(s => s.WhyNotOurs(fleet.Instance) is null && !selectedSet.Contains(s.Namespace) && !leftAlone.Contains(s.Namespace)).Select(s => s.Namespace))
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToList();
            var namespaces = await Task.WhenAll(names.Select(ns => JudgeAsync(
                kube, cluster, fleet, ns, selectedSet.Contains(ns), found.GetValueOrDefault(ns), readErrors.GetValueOrDefault(ns), request, now, cancellationToken)))
                .ConfigureAwait(false);
            return new ClusterStatus(cluster.Name, cluster.Region, true, endpointFrom, readBy, readBy == "list", null, namespaces);
        }
    }

    private static async Task<NamespaceStatus> JudgeAsync(
        KubernetesCluster kube, ClusterConfig cluster, Fleet fleet, string ns, bool selected, ListedSecret? secret, string? readError,
        StatusRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (readError is not null)
        {
            return new NamespaceStatus(ns, selected, null, false, null, null, null, null, [], [], null, readError);
        }

        if (secret is null)
        {
            return new NamespaceStatus(ns, selected, Verdict.Missing, false, null, null, null, null, [], [], null, null);
        }

        // Ours as a sweep or cleanup judges it: written by this tool AND of this fleet's instance (SecretOwnership). Another
        // deployment's Secret is foreign here: this fleet's cleanup and sweep never remove it, so it is never orphaned.
        var whyNotOurs = secret.WhyNotOurs(fleet.Instance);
        var ours = whyNotOurs is null;
        string? detail = null;
        Verdict verdict;
        if (!ours)
        {
            verdict = Verdict.Foreign;
            detail = secret.Authorship is null
                ? $"Secret \"{fleet.SecretName}\" {whyNotOurs}: that deployment refreshes it; this fleet's cleanup leaves it alone"
                : $"Secret \"{fleet.SecretName}\" {whyNotOurs}: a refresh reports it as conflict and leaves it alone";
        }
        else if (!selected)
        {
            verdict = Verdict.Orphaned;
            detail = "this tool's Secret, in a namespace the fleet no longer selects: bootstrap cleanup removes it";
        }
        else if (secret.ExpiresAt is not { } expires)
        {
            verdict = Verdict.Stale;
            detail = "no readable expiry annotation";
        }
        else
        {
            verdict = expires <= now ? Verdict.Stale : expires - now <= request.ExpiringWithin ? Verdict.Expiring : Verdict.Fresh;
        }

        // Each listed service account's entry, where the Secret is ours and the namespace is selected.
        var accounts = new List<ServiceAccountStatus>();
        if (ours && selected)
        {
            foreach (var name in cluster.ServiceAccounts)
            {
                var (entry, error) = await kube.ReadPullSecretEntryAsync(ns, name, fleet.SecretName, cancellationToken).ConfigureAwait(false);
                accounts.Add(new ServiceAccountStatus(name, entry, error));
            }
        }

        long? age = secret.WrittenAt is { } written ? Math.Max(0, (long)(now - written).TotalSeconds) : null;
        return new NamespaceStatus(ns, selected, verdict, true, ours, secret.WrittenAt, age, secret.ExpiresAt, secret.Registries, accounts, detail, null);
    }

    private ClusterStatus Unread(ClusterConfig cluster, string? endpointFrom, string? error)
    {
        var message = error ?? "the cluster could not be read";
        logger.StatusClusterUnread(cluster.Name, cluster.Region, message);
        return new ClusterStatus(cluster.Name, cluster.Region, false, endpointFrom, null, false, message, []);
    }
}
