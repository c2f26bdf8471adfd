namespace EcrPublicLambda.Fakes;

/// <summary>One request as <see cref="FakeAwsServer"/> received it, with what it made of the SigV4 Authorization header.</summary>
/// <param name="SigningService">The service named in the credential scope (null when the header was unusable).</param>
/// <param name="SigningRegion">The region named in the credential scope.</param>
/// <param name="SignatureProblem">Why the Authorization header was rejected, or null.</param>
internal sealed record FakeAwsRequest(
    FakeAwsOperation Operation,
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    string? AccessKeyId,
    string? SigningService,
    string? SigningRegion,
    string? SignatureProblem);
