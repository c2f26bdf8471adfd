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

    [LoggerMessage(EventId = 504, Level = LogLevel.Warning, Message = "Refresh not started: {RemainingMs} ms left before the invocation deadline; every entry is reported skipped")]
    internal static partial void RunNotStarted(this ILogger logger, long remainingMs);
}
