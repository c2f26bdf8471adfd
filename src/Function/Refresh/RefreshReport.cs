namespace EcrPublicLambda.Refresh;

/// <summary>The report of one run (SPEC "The report").</summary>
internal sealed record RefreshReport(
    RunStatus Status,
    bool DryRun,
    DateTimeOffset? TokenExpiresAt,
    long DurationMs,
    IReadOnlyList<ClusterReport> Clusters);
