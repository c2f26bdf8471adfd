namespace EcrPublicLambda.Benchmark;

/// <summary>One variant's figures in the registries A/B, beside the one-registry baseline's medians.</summary>
internal sealed record RegistryComparisonResult(
    Scenario Scenario,
    RegistryVariant Variant,
    IReadOnlyList<TimeSpan> Walls,
    TimeSpan MedianFirstWrite,
    long MedianReportedDurationMs,
    TimeSpan BaselineWall,
    TimeSpan BaselineFirstWrite,
    TimeSpan Latency)
{
    internal TimeSpan MedianWall => Statistics.Median(Walls);

    /// <summary>The median wall over the one-registry baseline's (issue 18's target: at most 1.2).</summary>
    internal double WallOverBaseline => MedianWall / BaselineWall;

    /// <summary>
    /// How much later than the baseline's the first write came, in injected latencies: each sequential AWS round trip
    /// added before the first write adds one (issue 18's target: none, so near 0).
    /// </summary>
    internal double ExtraRoundTripsBeforeFirstWrite => (MedianFirstWrite - BaselineFirstWrite) / Latency;
}
