namespace EcrPublicLambda.Hosting;

/// <summary>
/// "clusters done / total" on stderr for a run that lasts over <see cref="Delay"/>: drawn first when the delay passes,
/// then at each cluster finished, and wiped at the end. Nothing at all without a <see cref="ProgressWriter"/> (stderr no
/// terminal, Lambda): never in a pipe, never in JSON on stdout.
/// </summary>
internal sealed class ProgressLine : IDisposable
{
    internal static readonly TimeSpan Delay = TimeSpan.FromSeconds(2);

    private readonly ProgressWriter? writer;
    private readonly string what;
    private readonly int total;
    private readonly ITimer? timer;
    private int done;
    private int shown;

    internal ProgressLine(ProgressWriter? writer, TimeProvider clock, string what, int total)
    {
        ArgumentNullException.ThrowIfNull(clock);
        this.writer = writer;
        this.what = what;
        this.total = total;
        timer = writer is null ? null : clock.CreateTimer(_ => Start(), null, Delay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>One more cluster finished.</summary>
    internal void Done()
    {
        var now = Interlocked.Increment(ref done);
        if (Volatile.Read(ref shown) == 1)
        {
            writer!.Show(Text(now));
        }
    }

    public void Dispose()
    {
        timer?.Dispose();
        if (Interlocked.Exchange(ref shown, 2) == 1)
        {
            writer!.Clear();
        }
    }

    private void Start()
    {
        if (Interlocked.CompareExchange(ref shown, 1, 0) == 0)
        {
            writer!.Show(Text(Volatile.Read(ref done)));
        }
    }

    private string Text(int count) => $"{what}: {count}/{total} clusters done";
}
