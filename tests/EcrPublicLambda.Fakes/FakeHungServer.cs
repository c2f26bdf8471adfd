using System.Net;
using System.Net.Sockets;

namespace EcrPublicLambda.Fakes;

/// <summary>
/// An API server that hangs: a loopback TCP listener that accepts every connection and then never sends a byte (no TLS
/// ServerHello, no HTTP answer), holding the connections open until it is disposed, as a wedged API server or a
/// black-holing middlebox does.
/// </summary>
internal sealed class FakeHungServer : IAsyncDisposable
{
    private readonly TcpListener listener;
    private readonly CancellationTokenSource stop = new();
    private readonly Lock gate = new();
    private readonly List<Socket> accepted = [];
    private readonly Task acceptLoop;

    private FakeHungServer()
    {
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(backlog: 512);
        Endpoint = new Uri($"https://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
        acceptLoop = AcceptAsync();
    }

    /// <summary>Where it listens, e.g. <c>https://127.0.0.1:41234</c>.</summary>
    internal Uri Endpoint { get; }

    /// <summary>The connections accepted so far.</summary>
    internal int Connections
    {
        get
        {
            lock (gate)
            {
                return accepted.Count;
            }
        }
    }

    internal static FakeHungServer Start() => new();

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await acceptLoop;
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        lock (gate)
        {
            accepted.ForEach(socket => socket.Dispose());
            accepted.Clear();
        }

        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var socket = await listener.AcceptSocketAsync(stop.Token);
            lock (gate)
            {
                accepted.Add(socket);
            }
        }
    }
}
