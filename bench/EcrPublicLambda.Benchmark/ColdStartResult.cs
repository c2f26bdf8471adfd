namespace EcrPublicLambda.Benchmark;

/// <summary>Times from exec to the first <c>GET /runtime/invocation/next</c>, per build.</summary>
internal sealed record ColdStartResult(IReadOnlyList<TimeSpan> Aot, IReadOnlyList<TimeSpan> Jit)
{
    internal TimeSpan AotMedian => Statistics.Median(Aot);

    internal TimeSpan JitMedian => Statistics.Median(Jit);

    internal double Ratio => AotMedian / JitMedian;
}
