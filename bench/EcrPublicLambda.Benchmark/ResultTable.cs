using System.Globalization;
using System.Text;

namespace EcrPublicLambda.Benchmark;

/// <summary>The benchmark's figures as Markdown tables.</summary>
internal static class ResultTable
{
    internal static string Render(string machine, BenchmarkOptions options, IReadOnlyList<ScenarioResult> scenarios, ColdStartResult coldStart, IReadOnlyList<RegistryComparisonResult> registries)
    {
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));

        Line($"Machine: {machine}");
        Line($"Latency injected per request (AWS and Kubernetes alike): {options.Latency.TotalMilliseconds:0} ms; {options.Runs} measured runs per scenario (median wall), after one warm-up run.");
        Line($"");
        Line($"| clusters x namespaces | Secrets | wall (median) | report durationMs | LB | wall / LB | Kubernetes requests / Secret | DescribeCluster / ECR calls | max in flight per cluster | peak RSS | bootstrap CPU | fake-side CPU | CPU floor |");
        Line($"|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in scenarios)
        {
            Line($"| {s.Scenario} | {s.Scenario.Secrets} | {s.MedianWall.TotalMilliseconds:0} ms | {s.MedianReportedDurationMs} ms | {s.LowerBound.TotalMilliseconds:0} ms (bound {s.PerClusterBound}) | {s.WallOverLowerBound:0.00} | {s.RequestsPerSecret:0.000} | {s.DescribeClusterCalls} / {s.EcrPublicCalls} | {s.MaxInFlightPerCluster} | {s.PeakRssKilobytes / 1024.0:0.0} MB | {s.BootstrapCpu.TotalMilliseconds:0} ms | {s.FakeCpu.TotalMilliseconds:0} ms | {s.CpuFloor(Environment.ProcessorCount).TotalMilliseconds:0} ms |");
        }

        Line($"");
        Line($"| cold start (exec to first /next) | median | runs |");
        Line($"|---|---:|---|");
        Line($"| AOT `bootstrap` | {coldStart.AotMedian.TotalMilliseconds:0.0} ms | {Join(coldStart.Aot)} |");
        Line($"| JIT `dotnet bootstrap.dll` | {coldStart.JitMedian.TotalMilliseconds:0.0} ms | {Join(coldStart.Jit)} |");
        Line($"| AOT / JIT | {coldStart.Ratio * 100:0.0} % | |");
        if (registries.Count > 0)
        {
            Line($"");
            Line($"Registries A/B on {registries[0].Scenario} (in turns, medians of {registries[0].Walls.Count}; targets: wall within 1.2x of one registry, no extra AWS round trip before the first write):");
            Line($"");
            Line($"| registries | AWS calls for them | wall (median) | wall / one registry | report durationMs | first write after (median) | extra round trips before it | walls |");
            Line($"|---|---:|---:|---:|---:|---:|---:|---|");
            foreach (var r in registries)
            {
                Line($"| {r.Variant.Name} | {r.Variant.AwsCalls} | {r.MedianWall.TotalMilliseconds:0} ms | {r.WallOverBaseline:0.00} | {r.MedianReportedDurationMs} ms | {r.MedianFirstWrite.TotalMilliseconds:0} ms | {r.ExtraRoundTripsBeforeFirstWrite:0.0} | {Join(r.Walls)} |");
            }
        }
        return text.ToString();
    }

    private static string Join(IEnumerable<TimeSpan> times) =>
        string.Join(", ", times.Select(t => t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)));
}
