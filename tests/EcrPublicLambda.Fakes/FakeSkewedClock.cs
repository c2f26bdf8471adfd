namespace EcrPublicLambda.Fakes;

/// <summary>Another clock, <paramref name="skew"/> ahead of <paramref name="clock"/> (behind when negative): the true time of a world whose machine's clock is wrong.</summary>
internal sealed class FakeSkewedClock(TimeProvider clock, TimeSpan skew) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => clock.GetUtcNow() + skew;

    public override long GetTimestamp() => clock.GetTimestamp();

    public override long TimestampFrequency => clock.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        clock.CreateTimer(callback, state, dueTime, period);
}
