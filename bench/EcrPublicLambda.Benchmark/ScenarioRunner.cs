using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EcrPublicLambda.Fakes;

namespace EcrPublicLambda.Benchmark;

/// <summary>
/// Runs <c>bootstrap refresh --config FILE</c> (the published AOT binary) against one scenario's fleet: a warm-up
/// run (JIT-warms the fakes in this process; its figures are dropped), then the measured runs. A run that does not
/// succeed completely, or leaves a namespace without the Secret, stops the benchmark: its figures would mean nothing.
/// </summary>
internal sealed class ScenarioRunner(BenchmarkOptions options, FakeAwsServer aws, string workDirectory, TextWriter progress)
{
    internal async Task<ScenarioResult> RunAsync(FakeFleet fleet, int perClusterBound)
    {
        var scenario = fleet.Scenario;
        var fleetFile = Path.Combine(workDirectory, $"clusters-{scenario.FileName}.json");
        fleet.WriteFleet(fleetFile);
        var environment = Environment();

        var runs = new List<(ProcessMeasurement Process, long ReportedMs, int Written, int Requests, int Describes, int EcrCalls, TimeSpan FakeCpu)>();
        for (var run = 0; run <= options.Runs; run++)
        {
            var describes = aws.Count(FakeAwsOperation.DescribeCluster);
            var ecrCalls = aws.Count(FakeAwsOperation.GetAuthorizationToken);
            var (measured, reportedMs, written, fakeCpu) = await RefreshAsync(fleet, fleetFile, environment, $"{scenario.FileName}-{run}");
            var requests = fleet.CountRequests();
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {scenario} {(run == 0 ? "warm-up" : $"run {run}")}: wall {measured.Wall.TotalMilliseconds:0} ms, report {reportedMs} ms, {requests} Kubernetes requests, at most {fleet.MaxConnectionsPerServer()} connections per cluster, peak RSS {measured.PeakRssKilobytes / 1024.0:0.0} MB"));
            if (run > 0)
            {
                runs.Add((measured, reportedMs, written, requests,
                    aws.Count(FakeAwsOperation.DescribeCluster) - describes, aws.Count(FakeAwsOperation.GetAuthorizationToken) - ecrCalls, fakeCpu));
            }
        }

        var latency = options.Latency;
        return new ScenarioResult(
            scenario,
            perClusterBound,
            scenario.LowerBound(latency, perClusterBound),
            [.. runs.Select(r => r.Process.Wall)],
            (long)Statistics.Median(runs.Select(r => TimeSpan.FromMilliseconds(r.ReportedMs))).TotalMilliseconds,
            runs.Sum(r => r.Written),
            runs.Sum(r => r.Requests),
            runs.Max(r => r.Describes),
            runs.Max(r => r.EcrCalls),
            fleet.MaxConcurrentRequests(),
            runs.Max(r => r.Process.PeakRssKilobytes),
            Statistics.Median(runs.Select(r => r.Process.UserCpu + r.Process.SystemCpu)),
            Statistics.Median(runs.Select(r => r.FakeCpu)));
    }

    /// <summary>The child's environment (DEBUG logs with <c>--logs</c>).</summary>
    internal Dictionary<string, string> Environment() => options.Logs is null
        ? ChildEnvironment.For(aws, workDirectory)
        : ChildEnvironment.For(aws, workDirectory, ("AWS_LAMBDA_LOG_LEVEL", "DEBUG"));

    /// <summary>
    /// One <c>bootstrap refresh --config <paramref name="fleetFile"/></c> (the fakes' request records cleared first; the
    /// CPU this process spent meanwhile is the fakes'), checked:
    /// it must succeed completely and leave every namespace with the Secret (holding exactly <paramref name="servers"/>
    /// when given), or the benchmark stops, since its figures would mean nothing.
    /// </summary>
    internal async Task<(ProcessMeasurement Process, long ReportedMs, int Written, TimeSpan FakeCpu)> RefreshAsync(
        FakeFleet fleet, string fleetFile, IReadOnlyDictionary<string, string> environment, string label, IReadOnlyList<string>? servers = null)
    {
        var scenario = fleet.Scenario;
        fleet.ClearRequests();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var measured = await MeasuredProcess.RunAsync(
            options.AotBootstrap, ["refresh", "--config", fleetFile], environment, TimeSpan.FromMinutes(2),
            options.Logs is { } logs ? Path.Combine(Directory.CreateDirectory(logs).FullName, $"refresh-{label}.log") : null);
        var fakeCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var (status, reportedMs, written) = ReadReport(measured);
        if (measured.ExitCode != 0 || status != "succeeded" || written != scenario.Secrets)
        {
            throw new InvalidOperationException(
                $"{scenario}: the refresh did not succeed (exit {measured.ExitCode}, status {status}, {written}/{scenario.Secrets} Secrets written); last log lines:\n{measured.ErrorTail}");
        }

        var stored = fleet.CountSecretsStored(servers);
        if (stored != scenario.Secrets)
        {
            throw new InvalidOperationException($"{scenario}: the fakes hold {stored} of {scenario.Secrets} Secrets{(servers is null ? string.Empty : $" with {servers.Count} servers")} after the run");
        }

        return (measured, reportedMs, written, fakeCpu);
    }

    /// <summary>The report's status, its <c>durationMs</c>, and how many Secrets it says were created or updated.</summary>
    private static (string? Status, long DurationMs, int Written) ReadReport(ProcessMeasurement measured)
    {
        try
        {
            using var report = JsonDocument.Parse(measured.Output);
            var root = report.RootElement;
            var written = root.GetProperty("clusters").EnumerateArray()
                .SelectMany(cluster => cluster.GetProperty("secrets").EnumerateArray())
                .Count(secret => secret.GetProperty("result").GetString() is "created" or "updated");
            return (root.GetProperty("status").GetString(), root.GetProperty("durationMs").GetInt64(), written);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return (null, 0, 0);
        }
    }
}
