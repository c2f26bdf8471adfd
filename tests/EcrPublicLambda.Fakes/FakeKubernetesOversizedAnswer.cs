namespace EcrPublicLambda.Fakes;

/// <summary>
/// A hostile or broken API server's answer: 200 with a JSON body of <see cref="Bytes"/> bytes (null: endless, until the
/// client goes away), with or without a <c>Content-Length</c> (without: chunked on HTTP/1.1, a stream with no length on h2).
/// </summary>
internal sealed class FakeKubernetesOversizedAnswer(long? bytes, bool declareLength, int statusCode, string? pathContains, string? method)
{
    internal long? Bytes { get; } = bytes;

    internal bool DeclareLength { get; } = declareLength;

    internal int StatusCode { get; } = statusCode;

    internal bool Matches(string requestMethod, string path) =>
        (method is null || string.Equals(method, requestMethod, StringComparison.OrdinalIgnoreCase))
        && (pathContains is null || path.Contains(pathContains, StringComparison.Ordinal));
}
