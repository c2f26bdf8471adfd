using System.Globalization;

namespace EcrPublicLambda.Fakes;

/// <summary>An invocation queued on a <see cref="FakeRuntimeApi"/>, and the answer the runtime gave to it.</summary>
public sealed class FakeRuntimeApiInvocation(string payload)
{
    private readonly TaskCompletionSource<FakeRuntimeApiOutcome> outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Payload { get; } = payload;

    public string RequestId { get; init; } = Guid.NewGuid().ToString();

    /// <summary>The raw <c>Lambda-Runtime-Deadline-Ms</c> header (null: not sent). By default 15 minutes ahead, as Lambda sends it.</summary>
    public string? DeadlineHeader { get; init; } = DeadlineIn(TimeSpan.FromMinutes(15));

    public string? TraceId { get; init; } = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

    public string FunctionArn { get; init; } = "arn:aws:lambda:eu-west-1:123456789012:function:ecr-public-refresh";

    /// <summary>Completes when the runtime posts the response or the error for this invocation.</summary>
    public Task<FakeRuntimeApiOutcome> Outcome => outcome.Task;

    public static string DeadlineIn(TimeSpan fromNow) =>
        (DateTimeOffset.UtcNow + fromNow).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    internal bool TryComplete(FakeRuntimeApiOutcome answer) => outcome.TrySetResult(answer);
}
