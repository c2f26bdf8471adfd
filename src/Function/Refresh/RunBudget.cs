namespace EcrPublicLambda.Refresh;

/// <summary>
/// The run's time, as one object the engine's parts ask. With a deadline: no new step starts once less than
/// <see cref="RefreshOptions.DeadlineReserve"/> is left (<see cref="TooLate"/>), and what is still in flight
/// <see cref="RefreshOptions.DeadlineCutoff"/> before it is abandoned (<see cref="Token"/> is cancelled), so the report
/// can still be sent. Without one (the CLI), only the caller stops the run. <see cref="Stop"/> ends the run early (a
/// failed registry login): the same token tells every part.
/// </summary>
internal sealed class RunBudget : IDisposable
{
    /// <summary>The reason of an entry that was never started.</summary>
    internal const string NotStarted = "not started: too little time was left before the invocation deadline";

    /// <summary>The reason of an entry whose step was cut short.</summary>
    internal const string Interrupted = "interrupted: the invocation deadline was reached";

    private readonly DateTimeOffset? deadline;
    private readonly TimeProvider clock;
    private readonly TimeSpan reserve;
    private readonly CancellationTokenSource cutoff;
    private readonly CancellationTokenSource linked;

    internal RunBudget(DateTimeOffset? deadline, TimeProvider clock, RefreshOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(options);
        this.deadline = deadline;
        this.clock = clock;
        reserve = options.DeadlineReserve;
        cutoff = deadline is { } at
            ? new CancellationTokenSource(Max(at - clock.GetUtcNow() - options.DeadlineCutoff, TimeSpan.Zero), clock)
            : new CancellationTokenSource();
        linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, cutoff.Token);
    }

    /// <summary>Cancelled at the cutoff, by the caller, or by <see cref="Stop"/>: every wait and request of the run takes it.</summary>
    internal CancellationToken Token => linked.Token;

    /// <summary>Whether the run is over: a step that sees it cancelled reports itself skipped, not failed.</summary>
    internal bool IsOver => linked.IsCancellationRequested;

    /// <summary>No new step may start: too little is left before the deadline for it to finish.</summary>
    internal bool TooLate => TooLateAfter(TimeSpan.Zero);

    /// <summary>No new step may start after waiting <paramref name="wait"/> (a wait that would leave no time to write is not worth it).</summary>
    internal bool TooLateAfter(TimeSpan wait) => deadline is { } at && clock.GetUtcNow() + wait + reserve >= at;

    /// <summary>What is left before the deadline, in whole milliseconds (for the log); null without a deadline.</summary>
    internal long? RemainingMs => deadline is { } at ? (long)(at - clock.GetUtcNow()).TotalMilliseconds : null;

    /// <summary>Ends the run early: whatever waits or is in flight is cancelled and reports itself skipped.</summary>
    internal Task StopAsync() => linked.CancelAsync();

    public void Dispose()
    {
        linked.Dispose();
        cutoff.Dispose();
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
