using System.Diagnostics;
using System.Globalization;
using EcrPublicLambda.Fakes;

namespace EcrPublicLambda.Benchmark;

/// <summary>
/// The registries A/B of issue 18 on one fleet shape: the same clusters refreshed with ECR Public alone and with four
/// registries (and four with one read through a role), in turns (each round starts with the next variant, so no side
/// always follows the same one), after one warm-up run each. Each run must write every Secret with exactly its
/// variant's servers. Measured per run: the wall time, and the time from exec to the first Secret write reaching any
/// fake API server, which grows by one injected latency for each AWS round trip added before it.
/// </summary>
internal sealed class RegistryComparison(BenchmarkOptions options, FakeAwsServer aws, ScenarioRunner runner, string workDirectory, TextWriter progress)
{
    private static readonly FakeAwsOperation[] RegistryCalls =
    [
        FakeAwsOperation.GetAuthorizationToken, FakeAwsOperation.GetEcrAuthorizationToken, FakeAwsOperation.GetSecretValue, FakeAwsOperation.AssumeRole,
    ];

    internal async Task<IReadOnlyList<RegistryComparisonResult>> RunAsync(FakeFleet fleet)
    {
        RegistryVariant.Seed(aws);
        RegistryVariant[] variants = [RegistryVariant.One, RegistryVariant.Four(role: false), RegistryVariant.Four(role: true)];
        var files = variants.Select(variant =>
        {
            var file = Path.Combine(workDirectory, $"clusters-{fleet.Scenario.FileName}-registries-{variant.FileName}.json");
            fleet.WriteFleet(file, variant.Registries);
            return file;
        }).ToArray();
        var environment = runner.Environment();
        var runs = variants.Select(_ => new List<(TimeSpan Wall, TimeSpan FirstWrite, long ReportedMs, int Calls)>()).ToArray();
        for (var round = 0; round <= options.AbRuns; round++)
        {
            for (var turn = 0; turn < variants.Length; turn++)
            {
                var i = (round + turn) % variants.Length;
                var variant = variants[i];
                var calls = RegistryCallCount();
                var (measured, reportedMs, _, _) = await runner.RefreshAsync(
                    fleet, files[i], environment, $"{fleet.Scenario.FileName}-registries-{variant.FileName}-{round}", variant.Servers);
                calls = RegistryCallCount() - calls;
                var firstWrite = Stopwatch.GetElapsedTime(measured.StartedAt, fleet.FirstWriteAt()
                    ?? throw new InvalidOperationException($"{variant.Name}: no Secret write reached the fakes"));
                if (calls != variant.AwsCalls)
                {
                    throw new InvalidOperationException($"{variant.Name}: {calls} registry calls to AWS, expected {variant.AwsCalls}");
                }

                progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {fleet.Scenario}, {variant.Name} {(round == 0 ? "warm-up" : $"run {round}")}: wall {measured.Wall.TotalMilliseconds:0} ms, first write after {firstWrite.TotalMilliseconds:0} ms, {calls} registry calls"));
                if (round > 0)
                {
                    runs[i].Add((measured.Wall, firstWrite, reportedMs, calls));
                }
            }
        }

        var baseline = Statistics.Median(runs[0].Select(r => r.Wall));
        var baselineFirstWrite = Statistics.Median(runs[0].Select(r => r.FirstWrite));
        return [.. variants.Select((variant, i) => new RegistryComparisonResult(
            fleet.Scenario,
            variant,
            [.. runs[i].Select(r => r.Wall)],
            Statistics.Median(runs[i].Select(r => r.FirstWrite)),
            (long)Statistics.Median(runs[i].Select(r => TimeSpan.FromMilliseconds(r.ReportedMs))).TotalMilliseconds,
            baseline,
            baselineFirstWrite,
            options.Latency))];
    }

    private int RegistryCallCount() => RegistryCalls.Sum(aws.Count);
}
