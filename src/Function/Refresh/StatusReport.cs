using System.Text.Json.Serialization;
using EcrPublicLambda.Common;

namespace EcrPublicLambda.Refresh;

/// <summary>
/// A status reading of the fleet: when it was read, the expiring window, the count of namespaces per verdict, whether
/// it is all well (<see cref="Healthy"/>: every cluster and namespace read, every selected namespace fresh) and per
/// cluster what was found. <c>bootstrap status</c> prints it; the Lambda returns it for <c>{"status": true}</c>.
/// </summary>
internal sealed record StatusReport(
    [property: JsonConverter(typeof(UtcTimestampConverter))] DateTimeOffset ReadAt,
    long ExpiringWithinSeconds,
    bool Healthy,
    VerdictCounts Counts,
    long DurationMs,
    IReadOnlyList<ClusterStatus> Clusters)
{
    /// <summary>Always <c>status</c>, written first, so a reader tells it from a refresh or cleanup report.</summary>
    [JsonPropertyOrder(-1)]
    public string Operation { get; init; } = "status";
}
