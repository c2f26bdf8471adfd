using System.Collections.Concurrent;
using EcrPublicLambda.Aws;
using EcrPublicLambda.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcrPublicLambda.Tests.Aws;

/// <summary>A <see cref="FakeAwsServer"/> and <see cref="AwsClients"/> pointed at it, with retry waits recorded instead of slept.</summary>
internal sealed class AwsHarness : IAsyncDisposable
{
    private readonly HttpClient http = new();

    private AwsHarness(FakeAwsServer server, TimeProvider clock, (string Name, string Value)[] environment)
    {
        Server = server;
        Clock = clock;
        var retry = new AwsRetryPolicy(3, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5), (wait, _) =>
        {
            Waits.Enqueue(wait);
            return Task.CompletedTask;
        }, () => 1.0);
        Clients = new AwsClients(server.Environment(environment), http, clock, NullLogger.Instance, retry, _ => throw new AwsCredentialsException("no chain in tests"));
    }

    internal FakeAwsServer Server { get; }

    internal TimeProvider Clock { get; }

    internal AwsClients Clients { get; }

    /// <summary>The backoff waits the clients asked for, in order.</summary>
    internal ConcurrentQueue<TimeSpan> Waits { get; } = new();

    internal static async Task<AwsHarness> StartAsync(TimeProvider? clock = null, params (string Name, string Value)[] environment)
    {
        clock ??= TimeProvider.System;
        return new AwsHarness(await FakeAwsServer.StartAsync(clock), clock, environment);
    }

    internal Task<AwsCredentials> CallerAsync() => Clients.CredentialsForAsync(null, "eu-west-1", CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        Clients.Dispose();
        http.Dispose();
        await Server.DisposeAsync();
    }
}
