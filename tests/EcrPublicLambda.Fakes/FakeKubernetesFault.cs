namespace EcrPublicLambda.Fakes;

/// <summary>An injected failure: answer <see cref="StatusCode"/> to the next <see cref="Remaining"/> matching requests.</summary>
internal sealed class FakeKubernetesFault(int statusCode, int remaining, TimeSpan? retryAfter, string? pathContains, string? method)
{
    internal int StatusCode { get; } = statusCode;

    internal int Remaining { get; set; } = remaining;

    internal TimeSpan? RetryAfter { get; } = retryAfter;

    internal bool Matches(string requestMethod, string path) =>
        Remaining > 0
        && (method is null || string.Equals(method, requestMethod, StringComparison.OrdinalIgnoreCase))
        && (pathContains is null || path.Contains(pathContains, StringComparison.Ordinal));
}
