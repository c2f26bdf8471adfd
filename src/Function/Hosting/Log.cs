using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Hosting;

/// <summary>
/// Every log line of the function. Event ids by area: 1xx configuration, 2xx AWS, 3xx Kubernetes,
/// 4xx Lambda host, 5xx refresh engine. Never pass a password, token or Secret payload to any of these.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Error, Message = "Invalid registry: {ErrorCount} error(s)")]
    internal static partial void InvalidRegistry(this ILogger logger, int errorCount);

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Lambda host ready: {ClusterCount} cluster(s) registered")]
    internal static partial void LambdaHostReady(this ILogger logger, int clusterCount);

    [LoggerMessage(EventId = 401, Level = LogLevel.Critical, Message = "Init failed ({ErrorType}): {ErrorMessage}")]
    internal static partial void LambdaInitFailed(this ILogger logger, string errorType, string errorMessage);

    [LoggerMessage(EventId = 402, Level = LogLevel.Information, Message = "Invocation received (deadline {Deadline})")]
    internal static partial void InvocationReceived(this ILogger logger, string deadline);

    [LoggerMessage(EventId = 403, Level = LogLevel.Warning, Message = "Ignoring Lambda-Runtime-Deadline-Ms {DeadlineHeader}: it is not a future epoch-milliseconds time, so it cannot be a real deadline; running without one")]
    internal static partial void DeadlineIgnored(this ILogger logger, string deadlineHeader);

    [LoggerMessage(EventId = 404, Level = LogLevel.Error, Message = "Invalid payload: {Problems}")]
    internal static partial void InvalidPayload(this ILogger logger, string problems);

    [LoggerMessage(EventId = 405, Level = LogLevel.Error, Message = "Invocation failed ({ErrorType}): {ErrorMessage}")]
    internal static partial void InvocationFailed(this ILogger logger, string errorType, string errorMessage, Exception exception);

    // The report is a structured field only (a nested JSON object), not part of the message text.
#pragma warning disable SYSLIB1015
    [LoggerMessage(EventId = 406, Message = "Refresh {Status} in {DurationMs} ms")]
    internal static partial void RunReport(this ILogger logger, LogLevel level, string status, long durationMs, Logging.RawJson report);
#pragma warning restore SYSLIB1015

    [LoggerMessage(EventId = 407, Level = LogLevel.Critical, Message = "The Runtime API failed ({Operation}): {ErrorMessage}; exiting")]
    internal static partial void RuntimeApiFailed(this ILogger logger, string operation, string errorMessage);

    [LoggerMessage(EventId = 408, Level = LogLevel.Error, Message = "The Runtime API rejected the {Operation}: {ErrorMessage}")]
    internal static partial void RuntimeApiRejected(this ILogger logger, string operation, string errorMessage);

    [LoggerMessage(EventId = 409, Level = LogLevel.Information, Message = "Lambda host stopping: cancellation requested")]
    internal static partial void LambdaHostStopping(this ILogger logger);

    [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "Refresh started: {ClusterCount} cluster(s), dry run {DryRun}")]
    internal static partial void RunStarted(this ILogger logger, int clusterCount, bool dryRun);

    [LoggerMessage(EventId = 501, Level = LogLevel.Error, Message = "{Error}")]
    internal static partial void RegistryLoginFailed(this ILogger logger, string error);

    [LoggerMessage(EventId = 502, Level = LogLevel.Warning, Message = "Cluster {Cluster} ({Region}) failed: {Error}")]
    internal static partial void ClusterFailed(this ILogger logger, string cluster, string region, string error);

    [LoggerMessage(EventId = 503, Level = LogLevel.Information, Message = "Refresh finished: {Status} in {DurationMs} ms")]
    internal static partial void RunFinished(this ILogger logger, Refresh.RunStatus status, long durationMs);

    /// <summary>The one INFO line per cluster (the per-Secret lines are DEBUG unless something went wrong).</summary>
    [LoggerMessage(EventId = 505, Level = LogLevel.Information, Message = "Cluster {Cluster} ({Region}): {Status}; {SecretsWritten} of {Secrets} Secret(s) written, {ServiceAccountsReady} of {ServiceAccounts} service account(s) list it")]
    internal static partial void ClusterFinished(this ILogger logger, string cluster, string region, Refresh.RunStatus status, int secretsWritten, int secrets, int serviceAccountsReady, int serviceAccounts);

    [LoggerMessage(EventId = 504, Level = LogLevel.Warning, Message = "Refresh not started: {RemainingMs} ms left before the invocation deadline; every entry is reported skipped")]
    internal static partial void RunNotStarted(this ILogger logger, long remainingMs);

    [LoggerMessage(EventId = 506, Level = LogLevel.Information, Message = "Cluster {Cluster} ({Region}): namespace(s) {Namespaces} are being terminated; left alone")]
    internal static partial void NamespacesTerminating(this ILogger logger, string cluster, string region, string namespaces);

    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "Kubernetes {Method} {Path}: {Problem} on attempt {Attempt}; retrying in {DelayMs} ms")]
    internal static partial void KubernetesRetry(this ILogger logger, string method, string path, string problem, int attempt, long delayMs);

    /// <summary>One line per Secret: DEBUG when written, WARNING otherwise (the INFO line is per cluster, <see cref="ClusterFinished"/>).</summary>
    [LoggerMessage(EventId = 301, Message = "Secret {Namespace}/{Name}: {Result} (dry run: {DryRun}) {Error}")]
    internal static partial void SecretWritten(this ILogger logger, LogLevel level, string @namespace, string name, EcrPublicLambda.Refresh.SecretResult result, bool dryRun, string error);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Secret {Namespace}/{Name} is owned by another field manager; adopting it (force apply) as adoptExisting asks")]
    internal static partial void SecretAdopting(this ILogger logger, string @namespace, string name);

    /// <summary>One line per service account: DEBUG when it lists the Secret, WARNING otherwise.</summary>
    [LoggerMessage(EventId = 303, Message = "Service account {Namespace}/{Name}: {Result} (dry run: {DryRun}) {Error}")]
    internal static partial void ServiceAccountEnsured(this ILogger logger, LogLevel level, string @namespace, string name, EcrPublicLambda.Refresh.ServiceAccountResult result, bool dryRun, string error);

    [LoggerMessage(EventId = 304, Level = LogLevel.Information, Message = "Service account {Namespace}/{Name} changed between read and patch (round {Round}); reading it again")]
    internal static partial void ServiceAccountChanged(this ILogger logger, string @namespace, string name, int round);

    [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "AWS {Service} {Operation}: HTTP {StatusCode} after {ElapsedMs} ms (attempt {Attempt})")]
    internal static partial void AwsCallCompleted(this ILogger logger, string service, string operation, int statusCode, long elapsedMs, int attempt);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "AWS {Service} {Operation}: attempt {Attempt} failed ({Reason}); retrying in {DelayMs} ms")]
    internal static partial void AwsCallRetrying(this ILogger logger, string service, string operation, int attempt, string reason, long delayMs);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "AWS {Service} {Operation} failed: {Code} (HTTP {StatusCode})")]
    internal static partial void AwsCallFailed(this ILogger logger, string service, string operation, string code, int statusCode);

    [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "Assumed role {RoleArn} via {StsEndpoint}; credentials valid until {ExpiresAt:o}")]
    internal static partial void RoleAssumed(this ILogger logger, string roleArn, string stsEndpoint, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "Cannot assume role {RoleArn}: {Code} (HTTP {StatusCode})")]
    internal static partial void RoleAssumeFailed(this ILogger logger, string roleArn, string code, int statusCode);

    [LoggerMessage(EventId = 205, Level = LogLevel.Debug, Message = "AWS credentials from {Source}")]
    internal static partial void AwsCredentialsResolved(this ILogger logger, string source);
}
