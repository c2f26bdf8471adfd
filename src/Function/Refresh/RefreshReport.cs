using System.Text.Json.Serialization;
using EcrPublicLambda.Common;

namespace EcrPublicLambda.Refresh;

/// <summary>
/// The report of one run: what it did (its <see cref="RunOperation"/>), its status, whether it was a dry run, when the registry password expires (a refresh; null for a cleanup), how long it took,
/// and per cluster what became of each Secret and service account. <c>bootstrap refresh</c> prints it; the Lambda returns it.
/// </summary>
internal sealed record RefreshReport(
    RunStatus Status,
    bool DryRun,
    [property: JsonConverter(typeof(UtcTimestampConverter))] DateTimeOffset? TokenExpiresAt,
    long DurationMs,
    IReadOnlyList<ClusterReport> Clusters)
{
    /// <summary>The run's operation, by name; written first in the JSON report.</summary>
    [JsonPropertyOrder(-1)]
    public RunOperation Operation { get; init; } = RunOperation.Refresh;

    /// <summary>
    /// A refresh: the age in seconds of the oldest of our Secrets found before writing, over every cluster (null when
    /// none was found or no cluster allowed the list). An alarm watches it (<see cref="EcrPublicLambda.Configuration.MetricNames.OldestSecretAge"/>).
    /// </summary>
    public long? OldestSecretAgeSeconds { get; init; }
}
