using System.Text.Json;
using EcrPublicLambda.Common;
using EcrPublicLambda.Configuration;
using EcrPublicLambda.Refresh;
using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Hosting.Lambda;

/// <summary>
/// The handler of a <c>{"status": true}</c> invocation: one read-only status reading over the fleet, its report as the
/// response (a reading that finds stale namespaces still succeeded; the report says so in <c>healthy</c>), with no
/// metrics line. The reading is cut off one second before the invocation deadline, so a function error can still be
/// posted. A payload with anything but <c>clusters</c> beside <c>status</c> is refused, naming each problem.
/// </summary>
internal sealed class StatusInvocationHandler(Fleet fleet, StatusHandler? status, TimeProvider clock, ILogger logger)
{
    internal const string TimedOutErrorType = "StatusTimedOut";

    internal async Task<InvocationResult> HandleAsync(Invocation invocation, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        StatusRequest request;
        try
        {
            request = InvocationPayload.ParseStatus(invocation.Payload, fleet)
                ?? throw new InvalidPayloadException([$"payload: no status reading asked for"]);
        }
        catch (InvalidPayloadException e)
        {
            var message = ErrorText.Truncate(e.Message, ErrorText.DefaultMaxLength);
            logger.InvalidPayload(message);
            return InvocationResult.Failed(new InvocationError(InvalidPayloadException.ErrorType, message));
        }

        if (status is null)
        {
            return InvocationResult.Failed(new InvocationError(InvalidPayloadException.ErrorType, "status: this function does not serve status readings"));
        }

        var left = deadline - clock.GetUtcNow() - TimeSpan.FromSeconds(1);
        using var cutoff = new CancellationTokenSource(left > TimeSpan.Zero ? left : TimeSpan.Zero, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, cutoff.Token);
        try
        {
            var report = await status(fleet, request, linked.Token).ConfigureAwait(false);
            return InvocationResult.Succeeded(JsonSerializer.SerializeToUtf8Bytes(report, JsonContext.Relaxed.StatusReport));
        }
        catch (OperationCanceledException) when (cutoff.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return InvocationResult.Failed(new InvocationError(TimedOutErrorType, "the status reading did not finish before the invocation deadline"));
        }
    }
}
