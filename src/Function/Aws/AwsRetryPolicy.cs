using System.Net;

namespace EcrPublicLambda.Aws;

/// <summary>
/// Which AWS error answers are worth another attempt under the one retry policy (<see cref="Common.RetryPolicy"/>):
/// throttling (HTTP 429, or an error code ending in ThrottlingException / TooManyRequestsException, Throttling,
/// RequestLimitExceeded, …) and 5xx. Never other 4xx. Transport errors are retried too (the sender decides those).
/// </summary>
internal static class AwsRetryPolicy
{
    internal static bool IsThrottling(HttpStatusCode status, string? code) =>
        status == HttpStatusCode.TooManyRequests
        || (code is not null && (code.EndsWith("ThrottlingException", StringComparison.Ordinal)
            || code.EndsWith("TooManyRequestsException", StringComparison.Ordinal)
            || code is "Throttling" or "ThrottledException" or "RequestLimitExceeded" or "RequestThrottled" or "SlowDown"));

    /// <summary>Whether an HTTP error response is worth another attempt.</summary>
    internal static bool IsRetryable(HttpStatusCode status, string? code) =>
        IsThrottling(status, code) || (int)status >= 500;
}
