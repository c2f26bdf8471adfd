using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Hosting;

/// <summary>
/// The log lines of the CLI and the Lambda host. Each area owns its events; ids by area: 1xx configuration (here),
/// 2xx AWS (<c>AwsLog</c>), 3xx Kubernetes (<c>KubernetesLog</c>), 4xx Lambda host (here), 5xx refresh engine (<c>RefreshLog</c>).
/// Never pass a password, token or Secret payload to any of these.
/// </summary>
internal static partial class HostingLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Error, Message = "Invalid fleet: {ErrorCount} error(s)")]
    internal static partial void InvalidFleet(this ILogger logger, int errorCount);

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Lambda host ready: {ClusterCount} cluster(s) registered")]
    internal static partial void LambdaHostReady(this ILogger logger, int clusterCount);

    [LoggerMessage(EventId = 401, Level = LogLevel.Critical, Message = "Init failed ({ErrorType}): {ErrorMessage}")]
    internal static partial void LambdaInitFailed(this ILogger logger, string errorType, string errorMessage);

    [LoggerMessage(EventId = 402, Level = LogLevel.Information, Message = "Invocation received (deadline {Deadline})")]
    internal static partial void InvocationReceived(this ILogger logger, string deadline);

    [LoggerMessage(EventId = 403, Level = LogLevel.Warning, Message = "Ignoring Lambda-Runtime-Deadline-Ms {DeadlineHeader}: it is not a future epoch-milliseconds time, so it cannot be a real deadline; the run gets {FallbackSeconds} s instead")]
    internal static partial void DeadlineIgnored(this ILogger logger, string deadlineHeader, long fallbackSeconds);

    [LoggerMessage(EventId = 404, Level = LogLevel.Error, Message = "Invalid payload: {Problems}")]
    internal static partial void InvalidPayload(this ILogger logger, string problems);

    [LoggerMessage(EventId = 405, Level = LogLevel.Error, Message = "Invocation failed ({ErrorType}): {ErrorMessage}")]
    internal static partial void InvocationFailed(this ILogger logger, string errorType, string errorMessage, Exception exception);

    /// <summary>The run's summary line, for every operation (<c>Operation</c>: refresh, cleanup); the clusters' reports are event 410, one line each (<c>Lambda.ReportLog</c>).</summary>
    [LoggerMessage(EventId = 406, Message = "{Operation} {Status} in {DurationMs} ms: {ClusterCount} cluster(s), {Succeeded} succeeded, {Partial} partial, {Failed} failed (dry run {DryRun})")]
    internal static partial void RunReport(this ILogger logger, LogLevel level, string operation, string status, long durationMs, int clusterCount, int succeeded, int partial, int failed, bool dryRun);

    // The cluster's report is a structured field only (a nested JSON object), not part of the message text.
#pragma warning disable SYSLIB1015
    [LoggerMessage(EventId = 410, Message = "Cluster {Cluster} ({Region}) {Status} (report part {Part} of {Parts})")]
    internal static partial void ClusterReport(this ILogger logger, LogLevel level, string cluster, string region, string status, int part, int parts, Logging.RawJson report);
#pragma warning restore SYSLIB1015

    [LoggerMessage(EventId = 407, Level = LogLevel.Critical, Message = "The Runtime API failed ({Operation}): {ErrorMessage}; exiting")]
    internal static partial void RuntimeApiFailed(this ILogger logger, string operation, string errorMessage);

    [LoggerMessage(EventId = 408, Level = LogLevel.Error, Message = "The Runtime API rejected the {Operation}: {ErrorMessage}")]
    internal static partial void RuntimeApiRejected(this ILogger logger, string operation, string errorMessage);

    [LoggerMessage(EventId = 409, Level = LogLevel.Information, Message = "Lambda host stopping: cancellation requested")]
    internal static partial void LambdaHostStopping(this ILogger logger);

    // A custom-resource request's ResponseURL is a presigned credential: none of these take it.
    [LoggerMessage(EventId = 420, Level = LogLevel.Information, Message = "CloudFormation {RequestType} of {LogicalResourceId} ({Action}) in stack {StackId}")]
    internal static partial void CustomResourceReceived(this ILogger logger, string requestType, string logicalResourceId, string action, string stackId);

    [LoggerMessage(EventId = 421, Level = LogLevel.Error, Message = "Invalid CloudFormation request: {Problems}")]
    internal static partial void CustomResourceInvalid(this ILogger logger, string problems);

    [LoggerMessage(EventId = 422, Level = LogLevel.Information, Message = "Cleanup of what the fleet no longer lists: {Removed}")]
    internal static partial void CustomResourceCleaning(this ILogger logger, string removed);

    [LoggerMessage(EventId = 423, Level = LogLevel.Information, Message = "Answered CloudFormation {Status}: {Reason}")]
    internal static partial void CustomResourceAnswered(this ILogger logger, string status, string reason);

    [LoggerMessage(EventId = 424, Level = LogLevel.Error, Message = "Could not answer CloudFormation ({Status}): {ErrorMessage}; it waits until the resource's timeout")]
    internal static partial void CustomResourceAnswerFailed(this ILogger logger, string status, string errorMessage);

    [LoggerMessage(EventId = 425, Level = LogLevel.Error, Message = "The {Run} for CloudFormation did not run: {ErrorMessage}")]
    internal static partial void CustomResourceRunFailed(this ILogger logger, string run, string errorMessage, Exception exception);

    [LoggerMessage(EventId = 426, Level = LogLevel.Warning, Message = "CleanRemoved cleans nothing: {Reason}")]
    internal static partial void CustomResourcePreviousFleetUntrusted(this ILogger logger, string reason);

    [LoggerMessage(EventId = 427, Level = LogLevel.Information, Message = "Teardown fence: the function's reserved concurrency is now 0; no queued run writes after the teardown cleanup")]
    internal static partial void TeardownFenceClosed(this ILogger logger);

    [LoggerMessage(EventId = 428, Level = LogLevel.Error, Message = "Teardown fence: could not set the function's reserved concurrency to 0 ({ErrorMessage}); a scheduled run already queued may still write")]
    internal static partial void TeardownFenceFailed(this ILogger logger, string errorMessage);
}
