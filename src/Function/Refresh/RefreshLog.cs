using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Refresh;

/// <summary>
/// The log lines of the refresh engine (event ids 5xx). Never pass a password, token or Secret payload to any of these.
/// </summary>
internal static partial class RefreshLog
{
    /// <summary>The run's first line; <c>Operation</c> is its <see cref="RunOperation.Name"/> (refresh, cleanup).</summary>
    [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "{Operation} started: {ClusterCount} cluster(s), dry run {DryRun}")]
    private static partial void RunStarted(this ILogger logger, string operation, int clusterCount, bool dryRun);

    [LoggerMessage(EventId = 501, Level = LogLevel.Error, Message = "{Error}")]
    internal static partial void RegistryLoginFailed(this ILogger logger, string error);

    [LoggerMessage(EventId = 502, Level = LogLevel.Warning, Message = "Cluster {Cluster} ({Region}) failed: {Error}")]
    internal static partial void ClusterFailed(this ILogger logger, string cluster, string region, string error);

    [LoggerMessage(EventId = 503, Level = LogLevel.Information, Message = "{Operation} finished: {Status} in {DurationMs} ms")]
    private static partial void RunFinished(this ILogger logger, string operation, RunStatus status, long durationMs);

    /// <summary>
    /// The one INFO line per cluster (the per-Secret lines are DEBUG unless something went wrong): how many Secrets and
    /// service accounts ended as the operation wants them, in the operation's words.
    /// </summary>
    [LoggerMessage(EventId = 505, Level = LogLevel.Information, Message = "Cluster {Cluster} ({Region}) {Operation}: {Status}; {SecretsDone} of {Secrets} Secret(s) {SecretsDoneAs}, {ServiceAccountsDone} of {ServiceAccounts} service account(s) {ServiceAccountsDoneAs}")]
    private static partial void ClusterFinished(this ILogger logger, string cluster, string region, string operation, RunStatus status, int secretsDone, int secrets, string secretsDoneAs, int serviceAccountsDone, int serviceAccounts, string serviceAccountsDoneAs);

    [LoggerMessage(EventId = 506, Level = LogLevel.Information, Message = "Cluster {Cluster} ({Region}): namespace(s) {Namespaces} are being terminated; left alone")]
    internal static partial void NamespacesTerminating(this ILogger logger, string cluster, string region, string namespaces);

    /// <summary>Something nothing expected went wrong inside one cluster's work (a bug): that cluster failed, the others went on.</summary>
    [LoggerMessage(EventId = 520, Level = LogLevel.Error, Message = "Cluster {Cluster} ({Region}) failed on an unexpected error: {Error}")]
    internal static partial void ClusterCrashed(this ILogger logger, string cluster, string region, string error);

    /// <summary>A <c>kubernetes</c> cluster's token or certificate ends within a day (or has ended): replace it before it does.</summary>
    [LoggerMessage(EventId = 510, Level = LogLevel.Warning, Message = "Cluster {Cluster} ({Region}): the credentials in {SecretName} expire at {ExpiresAt:o}, within a day; store new ones before then")]
    internal static partial void ClusterCredentialsExpiring(this ILogger logger, string cluster, string region, string secretName, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 504, Level = LogLevel.Warning, Message = "Run not started: {RemainingMs} ms left before the invocation deadline; every entry is reported skipped")]
    internal static partial void RunNotStarted(this ILogger logger, long remainingMs);

    internal static void RunStarted(this ILogger logger, RunOperation operation, int clusterCount, bool dryRun) =>
        logger.RunStarted(operation.Name, clusterCount, dryRun);

    internal static void RunFinished(this ILogger logger, RunOperation operation, RunStatus status, long durationMs) =>
        logger.RunFinished(operation.Name, status, durationMs);

    internal static void ClusterFinished(this ILogger logger, RunOperation operation, ClusterReport report) =>
        logger.ClusterFinished(
            report.Name,
            report.Region,
            operation.Name,
            report.Status,
            report.Secrets.Count(s => operation.IsDone(s.Result)),
            report.Secrets.Count,
            operation.SecretsDoneAs,
            report.ServiceAccounts.Count(a => operation.IsDone(a.Result)),
            report.ServiceAccounts.Count,
            operation.ServiceAccountsDoneAs);

    [LoggerMessage(EventId = 511, Level = LogLevel.Warning, Message = "Cluster {Cluster} ({Region}) sweep: {Unchecked}")]
    internal static partial void SweepUnchecked(this ILogger logger, string cluster, string region, string @unchecked);

    [LoggerMessage(EventId = 530, Level = LogLevel.Information, Message = "Status started: {ClusterCount} cluster(s), read only")]
    internal static partial void StatusStarted(this ILogger logger, int clusterCount);

    [LoggerMessage(EventId = 531, Level = LogLevel.Information, Message = "Status finished (healthy: {Healthy}): {Fresh} fresh, {Expiring} expiring, {Stale} stale, {Missing} missing, {Foreign} foreign, {Orphaned} orphaned in {DurationMs} ms")]
    internal static partial void StatusFinished(this ILogger logger, bool healthy, int fresh, int expiring, int stale, int missing, int foreign, int orphaned, long durationMs);

    [LoggerMessage(EventId = 532, Level = LogLevel.Warning, Message = "Status: cluster {Cluster} ({Region}) could not be read: {Error}")]
    internal static partial void StatusClusterUnread(this ILogger logger, string cluster, string region, string error);

    [LoggerMessage(EventId = 540, Level = LogLevel.Information, Message = "Cluster {Cluster} ({Region}): another run holds its Lease; the cleanup waits for it and looks again in {DelayMs} ms")]
    internal static partial void CleanupWaitsForLease(this ILogger logger, string cluster, string region, long delayMs);
}
