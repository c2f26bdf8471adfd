namespace EcrPublicLambda.Refresh;

internal sealed record ClusterReport(
    string Name,
    string Region,
    RunStatus Status,
    string? Error,
    IReadOnlyList<SecretReport> Secrets,
    IReadOnlyList<ServiceAccountReport> ServiceAccounts);
