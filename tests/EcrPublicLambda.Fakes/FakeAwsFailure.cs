namespace EcrPublicLambda.Fakes;

/// <summary>A scripted failure, answered the way the real service answers it (status, error type, body).</summary>
public enum FakeAwsFailure
{
    /// <summary>HTTP 400, <c>ThrottlingException</c> (STS: <c>Throttling</c>), as the AWS JSON protocols throttle.</summary>
    Throttling,

    /// <summary>HTTP 429, <c>TooManyRequestsException</c>.</summary>
    TooManyRequests,

    /// <summary>HTTP 500, <c>ServerException</c> / <c>InternalFailure</c>.</summary>
    ServerError,

    /// <summary>HTTP 503, <c>ServiceUnavailableException</c>.</summary>
    ServiceUnavailable,

    /// <summary>HTTP 403, <c>AccessDeniedException</c> (STS: <c>AccessDenied</c>).</summary>
    AccessDenied,

    /// <summary>HTTP 404, <c>ResourceNotFoundException</c>.</summary>
    ResourceNotFound,

    /// <summary>HTTP 400, <c>ValidationException</c> (STS: <c>ValidationError</c>).</summary>
    Validation,

    /// <summary>HTTP 400, <c>DecryptionFailure</c> (Secrets Manager: its KMS key cannot decrypt the value).</summary>
    DecryptionFailure,

    /// <summary>HTTP 400, <c>InvalidRequestException</c> (Secrets Manager: e.g. the secret is scheduled for deletion).</summary>
    InvalidRequest,

    /// <summary>The connection is dropped without an answer (a transport error for the client).</summary>
    Disconnect,

    /// <summary>HTTP 307 to <c>/redirected</c> on the same fake, as a hijacking proxy or a misconfigured endpoint might answer.</summary>
    Redirect,
}
