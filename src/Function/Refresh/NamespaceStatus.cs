using System.Text.Json.Serialization;
using EcrPublicLambda.Common;

namespace EcrPublicLambda.Refresh;

/// <summary>
/// One namespace as read: whether the fleet selects it, its verdict (null when it could not be read: see
/// <see cref="Error"/>), the Secret's owner, last write, age and expiry (from our annotation), the registries it holds,
/// and each listed service account's entry. <see cref="Detail"/> says why a Secret is foreign or stale.
/// </summary>
internal sealed record NamespaceStatus(
    string Namespace,
    bool Selected,
    Verdict? Verdict,
    bool SecretPresent,
    bool? Ours,
    [property: JsonConverter(typeof(UtcTimestampConverter))] DateTimeOffset? WrittenAt,
    long? AgeSeconds,
    [property: JsonConverter(typeof(UtcTimestampConverter))] DateTimeOffset? ExpiresAt,
    IReadOnlyList<string> Registries,
    IReadOnlyList<ServiceAccountStatus> ServiceAccounts,
    string? Detail,
    string? Error);
