using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace EcrPublicLambda.Benchmark;

/// <summary>
/// Runs a program under GNU <c>/usr/bin/time -f "%M %U %S"</c> (apt package <c>time</c>): <c>%M</c> is
/// <c>ru_maxrss</c> from <c>wait4</c>, the peak resident set of the child over its whole life, so no sampling
/// can miss a short peak. The environment is exactly <paramref name="environment"/> (nothing inherited).
/// </summary>
internal static class MeasuredProcess
{
    internal const string TimeProgram = "/usr/bin/time";

    internal static async Task<ProcessMeasurement> RunAsync(
        string program,
        IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string> environment,
        TimeSpan timeout,
        string? logFile = null)
    {
        var figures = Path.GetTempFileName();
        try
        {
            var start = new ProcessStartInfo(TimeProgram)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in (string[])["-f", "%M %U %S", "-o", figures, "--", program, .. arguments])
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment.Clear();
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }

            var startedAt = Stopwatch.GetTimestamp();
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {TimeProgram}");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = TailAsync(process.StandardError, logFile);
            using var expiry = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(expiry.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{Path.GetFileName(program)} did not finish within {timeout.TotalSeconds:0}s");
            }

            var wall = clock.Elapsed;
            var stdout = await output;
            var tail = await error;
            var parts = (await File.ReadAllTextAsync(figures)).Trim().Split('\n')[^1].Split(' ');
            return new ProcessMeasurement(
                wall,
                long.Parse(parts[0], CultureInfo.InvariantCulture),
                TimeSpan.FromSeconds(double.Parse(parts[1], CultureInfo.InvariantCulture)),
                TimeSpan.FromSeconds(double.Parse(parts[2], CultureInfo.InvariantCulture)),
                process.ExitCode,
                stdout,
                tail,
                startedAt);
        }
        finally
        {
            File.Delete(figures);
        }
    }

    /// <summary>Drains a stream (so the child never blocks on a full pipe), keeping the last lines for diagnosis (and all in <paramref name="logFile"/>).</summary>
    private static async Task<string> TailAsync(StreamReader reader, string? logFile)
    {
        var last = new Queue<string>();
        await using var log = logFile is null ? null : File.CreateText(logFile);
        while (await reader.ReadLineAsync() is { } line)
        {
            if (log is not null)
            {
                await log.WriteLineAsync(line);
            }

            last.Enqueue(line);
            if (last.Count > 5)
            {
                last.Dequeue();
            }
        }

        return new StringBuilder().AppendJoin('\n', last).ToString();
    }
}
