namespace EcrPublicLambda.Tests.Kubernetes;

/// <summary>A clock the test sets and moves by hand.</summary>
internal sealed class KubernetesTestClock(DateTimeOffset start) : TimeProvider
{
    private long ticks = start.UtcTicks;

    internal void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);
}
