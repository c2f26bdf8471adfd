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

    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "Kubernetes {Method} {Path}: {Problem} on attempt {Attempt}; retrying in {DelayMs} ms")]
    internal static partial void KubernetesRetry(this ILogger logger, string method, string path, string problem, int attempt, long delayMs);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Secret {Namespace}/{Name}: {Result} (dry run: {DryRun}) {Error}")]
    internal static partial void SecretWritten(this ILogger logger, string @namespace, string name, EcrPublicLambda.Refresh.SecretResult result, bool dryRun, string error);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Secret {Namespace}/{Name} is owned by another field manager; adopting it (force apply) as adoptExisting asks")]
    internal static partial void SecretAdopting(this ILogger logger, string @namespace, string name);

    [LoggerMessage(EventId = 303, Level = LogLevel.Information, Message = "Service account {Namespace}/{Name}: {Result} (dry run: {DryRun}) {Error}")]
    internal static partial void ServiceAccountEnsured(this ILogger logger, string @namespace, string name, EcrPublicLambda.Refresh.ServiceAccountResult result, bool dryRun, string error);

    [LoggerMessage(EventId = 304, Level = LogLevel.Information, Message = "Service account {Namespace}/{Name} changed between read and patch (round {Round}); reading it again")]
    internal static partial void ServiceAccountChanged(this ILogger logger, string @namespace, string name, int round);
}
