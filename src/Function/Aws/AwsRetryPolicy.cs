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

    /// <summary>
    /// Whether an error answer may mean this machine's clock is off (the AWS SDKs' clock skew codes): ECR Public and
    /// EKS answer <c>InvalidSignatureException</c> "Signature expired: …" (or "Signature not yet current: …"), STS
    /// <c>SignatureDoesNotMatch</c> with the same words; other services use <c>RequestTimeTooSkewed</c>,
    /// <c>RequestExpired</c>, <c>RequestInTheFuture</c> or <c>AuthFailure</c>. Only a 4xx. The sender retries such an
    /// answer only when its <c>Date</c> shows the skew (<see cref="AwsClock.Observe(System.Net.Http.Headers.HttpResponseHeaders)"/>), so a real signature error is not retried.
    /// </summary>
    internal static bool IsClockSkew(HttpStatusCode status, string? code) =>
        (int)status is >= 400 and < 500
        && code is "RequestTimeTooSkewed" or "RequestExpired" or "RequestInTheFuture" or "InvalidSignatureException" or "SignatureDoesNotMatch" or "AuthFailure";
}
