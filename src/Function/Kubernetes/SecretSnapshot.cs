namespace EcrPublicLambda.Kubernetes;

/// <summary>
/// A pull Secret as read, without its payload: where it is, whether it is this tool's (<see cref="WhyNotOurs"/> null;
/// see <see cref="SecretOwnership"/>), when our field manager last wrote it, when the password it holds expires (our
/// annotation; null when absent or unreadable) and which registry hosts its <c>.dockerconfigjson</c> has entries for.
/// </summary>
internal sealed record SecretSnapshot(
    string Namespace,
    string? Type,
    string? WhyNotOurs,
    DateTimeOffset? WrittenAt,
    DateTimeOffset? ExpiresAt,
    IReadOnlyList<string> Registries)
{
    internal bool IsOurs => WhyNotOurs is null;
}
