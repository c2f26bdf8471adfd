
namespace EcrPublicLambda.Tests.Hosting;

/// <summary>An HTTP handler for code that must send nothing: it counts attempts and fails each one.</summary>
internal sealed class NoNetworkHandler : HttpMessageHandler
{
    private int attempts;

    internal int Attempts => Volatile.Read(ref attempts);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref attempts);
        throw new InvalidOperationException($"no request may be sent, but one went to {request.RequestUri}");
    }
}
