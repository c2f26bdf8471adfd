namespace EcrPublicLambda.Benchmark;

/// <summary>
/// One finished child process: wall time from exec to exit, its peak RSS and CPU times as <c>wait4</c> reports them
/// (read through GNU <c>/usr/bin/time</c>), its exit code and its standard output (the report; never a secret);
/// <paramref name="StartedAt"/> is the <see cref="System.Diagnostics.Stopwatch"/> timestamp taken just before the exec.
/// </summary>
internal sealed record ProcessMeasurement(
    TimeSpan Wall,
    long PeakRssKilobytes,
    TimeSpan UserCpu,
    TimeSpan SystemCpu,
    int ExitCode,
    string Output,
    string ErrorTail,
    long StartedAt);
