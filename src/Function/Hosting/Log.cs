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
}
