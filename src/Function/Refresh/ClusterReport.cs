using System.Text.Json.Serialization;

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
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Unchecked { get; init; }

    /// <summary>A refresh: the age of the oldest of our Secrets its namespaces held before the run wrote (null: none found, or no list allowed).</summary>
    public long? OldestSecretAgeSeconds { get; init; }
}
