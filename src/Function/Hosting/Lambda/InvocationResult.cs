namespace EcrPublicLambda.Hosting.Lambda;

/// <summary>What one invocation answers the Runtime API: its response (JSON) or its function error.</summary>
internal sealed record InvocationResult
{
    private InvocationResult(byte[]? response, InvocationError? error)
    {
        Response = response;
        Error = error;
    }

    /// <summary>The response body; null when <see cref="Error"/> is set.</summary>
    internal byte[]? Response { get; }

    internal InvocationError? Error { get; }

    internal static InvocationResult Succeeded(byte[] response) => new(response, null);

    internal static InvocationResult Failed(InvocationError error) => new(null, error);
}
