namespace EcrPublicLambda.Benchmark;

/// <summary>The figures of one scenario over its measured runs.</summary>
internal sealed record ScenarioResult(
    Scenario Scenario,
    int PerClusterBound,
    TimeSpan LowerBound,
    IReadOnlyList<TimeSpan> Walls,
    long MedianReportedDurationMs,
    int SecretsWritten,
    int KubernetesRequests,
    int DescribeClusterCalls,
    int EcrPublicCalls,
    int MaxInFlightPerCluster,
    long PeakRssKilobytes,
    TimeSpan BootstrapCpu,
    TimeSpan FakeCpu)
{
    internal TimeSpan MedianWall => Statistics.Median(Walls);

    internal double RequestsPerSecret => SecretsWritten == 0 ? double.NaN : (double)KubernetesRequests / SecretsWritten;

    internal double WallOverLowerBound => MedianWall / LowerBound;

    /// <summary>
    /// The least wall time the CPU alone allows: the bootstrap's and the fakes' CPU spread over every core. When the wall
    /// is near this rather than near <see cref="LowerBound"/>, the run waits on the machine, not on the network.
    /// </summary>
    internal TimeSpan CpuFloor(int cores) => (BootstrapCpu + FakeCpu) / cores;
}
