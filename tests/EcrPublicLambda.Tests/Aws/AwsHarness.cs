using EcrPublicLambda.Aws;
using EcrPublicLambda.Common;
using EcrPublicLambda.Fakes;
using EcrPublicLambda.Tests.Common;
using Microsoft.Extensions.Time.Testing;

namespace EcrPublicLambda.Tests.Aws;

/// <summary>
/// A <see cref="FakeAwsServer"/> and <see cref="AwsClients"/> pointed at it, on a <see cref="FakeTimeProvider"/> that
/// moves on by each retry wait (<see cref="RetryTime"/>); jitter at its upper bound, so the waits are the ceilings.
/// </summary>
internal sealed class AwsHarness : IAsyncDisposable
{
    private readonly HttpClient http = AwsHttpClient.Create();
    private readonly RetryTime time;

    private AwsHarness(FakeAwsServer server, RetryTime time, (string Name, string Value)[] environment, TimeSpan clockSkew = default)
    {
        Server = server;
        this.time = time;
        ClockSkew = clockSkew;
        var retry = new RetryPolicy(new RetryOptions(), time.Clock, () => 1.0);
        Clients = new AwsClients(server.Environment(environment), http, time.Clock, time.Logger, retry, _ => throw new AwsCredentialsException("no chain in tests"));
    }

    internal FakeAwsServer Server { get; }

    internal FakeTimeProvider Clock => time.Clock;

    /// <summary>How far AWS's clock (the fake's) is ahead of the clients' (behind when negative).</summary>
    internal TimeSpan ClockSkew { get; }

    internal RetryTime Time => time;

    internal AwsClients Clients { get; }

    /// <summary>The backoff waits the clients started, in order.</summary>
    internal IReadOnlyList<TimeSpan> Waits => time.Waits;

    /// <param name="start">Where the clock starts (default: now).</param>
    internal static async Task<AwsHarness> StartAsync(DateTimeOffset? start = null, params (string Name, string Value)[] environment)
    {
        var time = new RetryTime(start);
        return new AwsHarness(await FakeAwsServer.StartAsync(time.Clock), time, environment);
    }

    /// <summary>The clients on a clock that is <paramref name="skew"/> behind AWS's (ahead when negative): the fake's clock is the clients' plus <paramref name="skew"/>.</summary>
    internal static async Task<AwsHarness> StartSkewedAsync(TimeSpan skew, params (string Name, string Value)[] environment)
    {
        var time = new RetryTime();
        return new AwsHarness(await FakeAwsServer.StartAsync(new FakeSkewedClock(time.Clock, skew)), time, environment, skew);
    }

    internal Task<AwsCredentials> CallerAsync() => Clients.CredentialsForAsync(null, "eu-west-1", CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        Clients.Dispose();
        http.Dispose();
        await Server.DisposeAsync();
    }
}
