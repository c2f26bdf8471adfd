using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Kubernetes;

/// <summary>
/// The log lines of the Kubernetes writer (event ids 3xx). Never pass a password, token or Secret payload to any of these.
/// </summary>
internal static partial class KubernetesLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "Kubernetes {Method} {Path}: {Problem} on attempt {Attempt}; retrying in {DelayMs} ms")]
    internal static partial void KubernetesRetry(this ILogger logger, string method, string path, string problem, int attempt, long delayMs);

    /// <summary>One line per Secret: DEBUG when written, WARNING otherwise (the INFO line is per cluster, written by the refresh engine).</summary>
    [LoggerMessage(EventId = 301, Message = "Secret {Namespace}/{Name}: {Result} (dry run: {DryRun}) {Error}")]
    internal static partial void SecretWritten(this ILogger logger, LogLevel level, string @namespace, string name, SecretResult result, bool dryRun, string error);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Secret {Namespace}/{Name} is owned by another field manager; adopting it (force apply) as adoptExisting asks")]
    internal static partial void SecretAdopting(this ILogger logger, string @namespace, string name);

    /// <summary>One line per service account: DEBUG when it lists the Secret, WARNING otherwise.</summary>
    [LoggerMessage(EventId = 303, Message = "Service account {Namespace}/{Name}: {Result} (dry run: {DryRun}) {Error}")]
    internal static partial void ServiceAccountEnsured(this ILogger logger, LogLevel level, string @namespace, string name, ServiceAccountResult result, bool dryRun, string error);

    [LoggerMessage(EventId = 304, Level = LogLevel.Information, Message = "Service account {Namespace}/{Name} changed between read and patch (round {Round}); reading it again")]
    internal static partial void ServiceAccountChanged(this ILogger logger, string @namespace, string name, int round);

    /// <summary>One line per Secret of a cleanup: DEBUG when deleted or absent, WARNING otherwise.</summary>
    [LoggerMessage(EventId = 305, Message = "Secret {Namespace}/{Name} (cleanup): {Result} (dry run: {DryRun}) {Error}")]
    internal static partial void SecretDeleted(this ILogger logger, LogLevel level, string @namespace, string name, SecretResult result, bool dryRun, string error);

    [LoggerMessage(EventId = 306, Level = LogLevel.Information, Message = "Secret {Namespace}/{Name} changed between read and delete (round {Round}); the delete was refused by its preconditions")]
    internal static partial void SecretChangedBeforeDelete(this ILogger logger, string @namespace, string name, int round);

    [LoggerMessage(EventId = 307, Level = LogLevel.Warning, Message = "Kubernetes {Kind}: the continue token expired (410 Expired) after {Items} items; listing again from the start")]
    internal static partial void ListRestarted(this ILogger logger, string kind, int items);

    [LoggerMessage(EventId = 320, Level = LogLevel.Information, Message = "Lease {Namespace}/{Name} had expired (holder \"{Holder}\"); this run took it over")]
    internal static partial void LeaseTakenOver(this ILogger logger, string @namespace, string name, string holder);

    [LoggerMessage(EventId = 321, Level = LogLevel.Warning, Message = "Lease {Namespace}/{Name} was not released: {Error}")]
    internal static partial void LeaseNotReleased(this ILogger logger, string @namespace, string name, string error);

    [LoggerMessage(EventId = 322, Level = LogLevel.Warning, Message = "Lease {Namespace}/{Name} was not taken: {Error}")]
    internal static partial void LeaseNotTaken(this ILogger logger, string @namespace, string name, string error);
}
