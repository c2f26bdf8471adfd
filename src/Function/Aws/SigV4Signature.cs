namespace EcrPublicLambda.Aws;

/// <summary>
/// The headers SigV4 adds to a request (<c>X-Amz-Date</c>, <c>X-Amz-Security-Token</c> when there is a session token,
/// <c>Authorization</c>) and the canonical request they were computed from (for debugging a mismatch).
/// <see cref="ToString"/> hides the token and the signature.
/// </summary>
internal sealed class SigV4Signature(string amzDate, string? securityToken, string authorization, string canonicalRequest)
{
    internal string AmzDate { get; } = amzDate;

    internal string? SecurityToken { get; } = securityToken;

    internal string Authorization { get; } = authorization;

    /// <summary>The canonical request. It contains the session token when there is one: never log it.</summary>
    internal string CanonicalRequest { get; } = canonicalRequest;

    public override string ToString() => $"SigV4Signature {{ AmzDate = {AmzDate}, Authorization = *** }}";
}
