using System.Collections.Concurrent;

namespace EcrPublicLambda.Tests.Refresh;

/// <summary>
/// The system clock, except that short one-shot timers (retry backoff, up to <see cref="Threshold"/>) fire at once and
/// are recorded, so a scenario with an unreachable cluster never sleeps. Longer timers (request timeouts) run in real time.
/// </summary>
internal sealed class ImpatientClock : TimeProvider
{
    internal static readonly TimeSpan Threshold = TimeSpan.FromSeconds(10);

    private readonly ConcurrentQueue<TimeSpan> waits = new();

    /// <summary>The waits that were asked for and skipped, in order.</summary>
    internal IReadOnlyList<TimeSpan> Waits => [.. waits];

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime > TimeSpan.Zero && dueTime <= Threshold && period == Timeout.InfiniteTimeSpan)
        {
            waits.Enqueue(dueTime);
            dueTime = TimeSpan.Zero;
        }

        return base.CreateTimer(callback, state, dueTime, period);
    }
}
