using System.Text.Json.Serialization;
using EcrPublicLambda.Common;

namespace EcrPublicLambda.Refresh;

/// <summary>
/// One cluster's part of a run. <see cref="Unchecked"/> says what the sweep could not check (the Secret list refused or
/// failed), when that happened.
/// </summary>
internal sealed record ClusterReport(
    string Name,
    string Region,
    RunStatus Status,
    string? Error,
    IReadOnlyList<SecretReport> Secrets,
    IReadOnlyList<ServiceAccountReport> ServiceAccounts)
{
    /// <summary>
    /// A <c>kubernetes</c> cluster's credentials' end: a JWT token's <c>exp</c> or the client certificate's NotAfter;
    /// absent (not written) for EKS clusters and for tokens that are not JWTs.
    /// </summary>
    [JsonConverter(typeof(UtcTimestampConverter))]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? CredentialsExpireAt { get; init; }

    /// <summary>What the sweep could not check for a stale Secret of ours (its Secret list failed or was refused); absent otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Unchecked { get; init; }

    /// <summary>A refresh: the age of the oldest of our Secrets its namespaces held before the run wrote (null: none found, or no list allowed).</summary>
    public long? OldestSecretAgeSeconds { get; init; }
}
