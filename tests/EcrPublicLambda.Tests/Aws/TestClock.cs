namespace EcrPublicLambda.Tests.Aws;

/// <summary>A clock that stands still until a test moves it.</summary>
internal sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset now = now;

    public override DateTimeOffset GetUtcNow() => now;

    internal void Advance(TimeSpan by) => now += by;
}
