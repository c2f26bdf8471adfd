using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Refresh;

/// <summary>
/// The log lines of the refresh engine (event ids 5xx). Never pass a password, token or Secret payload to any of these.
/// </summary>
internal static partial class RefreshLog
{
    [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "Refresh started: {ClusterCount} cluster(s), dry run {DryRun}")]
    internal static partial void RunStarted(this ILogger logger, int clusterCount, bool dryRun);

    [LoggerMessage(EventId = 501, Level = LogLevel.Error, Message = "{Error}")]
    internal static partial void RegistryLoginFailed(this ILogger logger, string error);

    [LoggerMessage(EventId = 502, Level = LogLevel.Warning, Message = "Cluster {Cluster} ({Region}) failed: {Error}")]
    internal static partial void ClusterFailed(this ILogger logger, string cluster, string region, string error);

    [LoggerMessage(EventId = 503, Level = LogLevel.Information, Message = "Refresh finished: {Status} in {DurationMs} ms")]
    internal static partial void RunFinished(this ILogger logger, RunStatus status, long durationMs);

    /// <summary>The one INFO line per cluster (the per-Secret lines are DEBUG unless something went wrong).</summary>
    [LoggerMessage(EventId = 505, Level = LogLevel.Information, Message = "Cluster {Cluster} ({Region}): {Status}; {SecretsWritten} of {Secrets} Secret(s) written, {ServiceAccountsReady} of {ServiceAccounts} service account(s) list it")]
    internal static partial void ClusterFinished(this ILogger logger, string cluster, string region, RunStatus status, int secretsWritten, int secrets, int serviceAccountsReady, int serviceAccounts);

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

    [LoggerMessage(EventId = 507, Level = LogLevel.Information, Message = "Cleanup started: {ClusterCount} cluster(s), dry run {DryRun}")]
    internal static partial void CleanupStarted(this ILogger logger, int clusterCount, bool dryRun);

    [LoggerMessage(EventId = 508, Level = LogLevel.Information, Message = "Cleanup finished: {Status} in {DurationMs} ms")]
    internal static partial void CleanupFinished(this ILogger logger, RunStatus status, long durationMs);

    /// <summary>The one INFO line per cluster of a cleanup.</summary>
    [LoggerMessage(EventId = 509, Level = LogLevel.Information, Message = "Cluster {Cluster} ({Region}) cleanup: {Status}; {SecretsGone} of {Secrets} Secret(s) deleted or absent, {ServiceAccountsClear} of {ServiceAccounts} service account(s) no longer list it")]
    internal static partial void ClusterCleaned(this ILogger logger, string cluster, string region, RunStatus status, int secretsGone, int secrets, int serviceAccountsClear, int serviceAccounts);

    internal static void RunStarted(this ILogger logger, RunOperation operation, int clusterCount, bool dryRun)
    {
        if (operation == RunOperation.Cleanup)
        {
            logger.CleanupStarted(clusterCount, dryRun);
        }
        else
        {
            logger.RunStarted(clusterCount, dryRun);
        }
    }

    internal static void RunFinished(this ILogger logger, RunOperation operation, RunStatus status, long durationMs)
    {
        if (operation == RunOperation.Cleanup)
        {
            logger.CleanupFinished(status, durationMs);
        }
        else
        {
            logger.RunFinished(status, durationMs);
        }
    }

    /// <summary>The cluster's INFO line: how many Secrets and service accounts ended as the operation wants them.</summary>
    internal static void ClusterFinished(this ILogger logger, RunOperation operation, ClusterReport report)
    {
        var secretsDone = report.Secrets.Count(s => Outcomes.IsDone(s.Result));
        var accountsDone = report.ServiceAccounts.Count(a => Outcomes.IsDone(a.Result));
        if (operation == RunOperation.Cleanup)
        {
            logger.ClusterCleaned(report.Name, report.Region, report.Status, secretsDone, report.Secrets.Count, accountsDone, report.ServiceAccounts.Count);
        }
        else
        {
            logger.ClusterFinished(report.Name, report.Region, report.Status, secretsDone, report.Secrets.Count, accountsDone, report.ServiceAccounts.Count);
        }
    }

    [LoggerMessage(EventId = 540, Level = LogLevel.Warning, Message = "Registry {Registry} could not be fetched; its entries already in Secrets are kept: {Error}")]
    internal static partial void RegistryFetchFailed(this ILogger logger, string registry, string error);

    [LoggerMessage(EventId = 510, Level = LogLevel.Warning, Message = "Cluster {Cluster} ({Region}) sweep: {Unchecked}")]
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
