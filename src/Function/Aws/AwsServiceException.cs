using System.Net;

namespace EcrPublicLambda.Aws;

/// <summary>
/// An AWS call that failed for good (after any retries): which service, the AWS error code, the HTTP status
/// (0 when no response arrived) and a readable message. Never carries request headers, bodies or credentials.
/// </summary>
internal sealed class AwsServiceException(string service, string code, HttpStatusCode statusCode, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>Code for a request that got no HTTP response (connection refused, DNS, timeout).</summary>
    internal const string TransportErrorCode = "TransportError";

    /// <summary>Code for a 2xx response whose body is not what the API promises.</summary>
    internal const string InvalidResponseCode = "InvalidResponse";

    internal string Service { get; } = service;

    internal string Code { get; } = code;

    internal HttpStatusCode StatusCode { get; } = statusCode;
}
