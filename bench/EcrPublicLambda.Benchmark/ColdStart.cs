using System.Diagnostics;
using EcrPublicLambda.Fakes;

namespace EcrPublicLambda.Benchmark;

/// <summary>
/// The Lambda cold start as the runtime sees it: exec of the process to its first <c>/next</c> long poll on the
/// <see cref="FakeRuntimeApi"/> (init done: environment read, fleet loaded and validated from
/// <c>LAMBDA_TASK_ROOT/clusters.json</c>, AWS clients made). The AOT <c>bootstrap</c> and <c>dotnet bootstrap.dll</c>
/// (framework-dependent JIT build of the same code) take turns, so machine noise hits both alike.
/// </summary>
internal sealed class ColdStart(BenchmarkOptions options, FakeAwsServer aws, string workDirectory)
{
    internal async Task<ColdStartResult> MeasureAsync(FakeFleet fleet)
    {
        var taskRoot = Directory.CreateDirectory(Path.Combine(workDirectory, "task-root")).FullName;
        fleet.WriteFleet(Path.Combine(taskRoot, "clusters.json"));
        await using var runtime = await FakeRuntimeApi.StartAsync();
        var environment = ChildEnvironment.For(aws, workDirectory, ("AWS_LAMBDA_RUNTIME_API", runtime.Address), ("LAMBDA_TASK_ROOT", taskRoot));

        var aot = new List<TimeSpan>();
        var jit = new List<TimeSpan>();
        for (var repetition = 0; repetition <= options.ColdRuns; repetition++)
        {
            var aotTime = await TimeToFirstPollAsync(runtime, options.AotBootstrap, [], environment);
            var jitTime = await TimeToFirstPollAsync(runtime, options.DotnetHost, [options.JitAssembly], environment);

            // The first pair only warms the page cache (both binaries and the shared framework).
            if (repetition > 0)
            {
                aot.Add(aotTime);
                jit.Add(jitTime);
            }
        }

        return new ColdStartResult(aot, jit);
    }

    private static async Task<TimeSpan> TimeToFirstPollAsync(
        FakeRuntimeApi runtime, string program, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var polled = runtime.WaitForPollsAsync(runtime.Polls + 1);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(polled, exited, Task.Delay(TimeSpan.FromSeconds(30)));
        var elapsed = clock.Elapsed;
        if (first != polled)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await exited;
            var log = await error + await output;
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} never polled /next (exit {process.ExitCode}); its last output: {log[Math.Max(0, log.Length - 2000)..]}");
        }

        process.Kill(entireProcessTree: true);
        await exited;
        await Task.WhenAll(output, error);
        return elapsed;
    }
}
