namespace EcrPublicLambda.Refresh;

internal sealed record ClusterReport(
    string Name,
    string Region,
    RunStatus Status,
    string? Error,
    IReadOnlyList<SecretReport> Secrets,
    IReadOnlyList<ServiceAccountReport> ServiceAccounts)
{
    /// <summary>A refresh: the age of the oldest of our Secrets its namespaces held before the run wrote (null: none found, or no list allowed).</summary>
    public long? OldestSecretAgeSeconds { get; init; }
}
