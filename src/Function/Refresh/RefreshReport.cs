using System.Text.Json.Serialization;
using EcrPublicLambda.Common;

namespace EcrPublicLambda.Refresh;

/// <summary>
/// The report of one run: its status, whether it was a dry run, when the registry password expires, how long it took,
/// and per cluster what became of each Secret and service account. <c>bootstrap refresh</c> prints it; the Lambda returns it.
/// </summary>
internal sealed record RefreshReport(
    RunStatus Status,
    bool DryRun,
    [property: JsonConverter(typeof(UtcTimestampConverter))] DateTimeOffset? TokenExpiresAt,
    long DurationMs,
    IReadOnlyList<ClusterReport> Clusters);
