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

    private AwsHarness(FakeAwsServer server, RetryTime time, (string Name, string Value)[] environment)
    {
        Server = server;
        this.time = time;
        var retry = new RetryPolicy(new RetryOptions(), time.Clock, () => 1.0);
        Clients = new AwsClients(server.Environment(environment), http, time.Clock, time.Logger, retry, _ => throw new AwsCredentialsException("no chain in tests"));
    }

    internal FakeAwsServer Server { get; }

    internal FakeTimeProvider Clock => time.Clock;

    internal AwsClients Clients { get; }

    /// <summary>The backoff waits the clients started, in order.</summary>
    internal IReadOnlyList<TimeSpan> Waits => time.Waits;

    /// <param name="start">Where the clock starts (default: now).</param>
    internal static async Task<AwsHarness> StartAsync(DateTimeOffset? start = null, params (string Name, string Value)[] environment)
    {
        var time = new RetryTime(start);
        return new AwsHarness(await FakeAwsServer.StartAsync(time.Clock), time, environment);
    }

    internal Task<AwsCredentials> CallerAsync() => Clients.CredentialsForAsync(null, "eu-west-1", CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        Clients.Dispose();
        http.Dispose();
        await Server.DisposeAsync();
    }
}
