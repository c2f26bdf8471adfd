namespace EcrPublicLambda.Hosting.Lambda;

/// <summary>One invocation as the Runtime API hands it out: its id, the raw deadline header, the trace header and the payload.</summary>
/// <remarks><see cref="DeadlineHeader"/> stays raw: whether it is believable depends on the clock (see <see cref="LambdaHost"/>).</remarks>
internal sealed record Invocation(
    string RequestId,
    string? DeadlineHeader,
    string? TraceId,
    string? FunctionArn,
    ReadOnlyMemory<byte> Payload)
{
    /// <summary>Leaves the payload out: it is the caller's input, not something to print.</summary>
    public override string ToString() => $"Invocation {RequestId} ({Payload.Length} payload bytes)";
}
