using System.Text.Json.Serialization;
using EcrPublicLambda.Hosting;

namespace EcrPublicLambda.Refresh;

/// <summary>The report of one run (README, "The report").</summary>
internal sealed record RefreshReport(
    RunStatus Status,
    bool DryRun,
    [property: JsonConverter(typeof(UtcTimestampConverter))] DateTimeOffset? TokenExpiresAt,
    long DurationMs,
    IReadOnlyList<ClusterReport> Clusters);
