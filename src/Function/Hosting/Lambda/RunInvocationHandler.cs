using EcrPublicLambda.Common;
using EcrPublicLambda.Configuration;
using EcrPublicLambda.Refresh;
using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Hosting.Lambda;

/// <summary>
/// The handler of a scheduled event or a direct invoke: the payload read into a request (<paramref name="read"/>;
/// <see cref="InvocationPayload.ParseScheduled"/> or <see cref="InvocationPayload.Parse"/>), one run over the
/// fleet, its report published, and the report as the response (or, when the run did not succeed, its failure
/// summary as the function error, so the alarms and the failure destination see it). A payload that cannot be run
/// is refused, naming each problem, and nothing is written.
/// </summary>
internal sealed class RunInvocationHandler(Fleet fleet, Func<ReadOnlyMemory<byte>, Fleet, RefreshRequest> read, RefreshHandler refresh, ReportPublisher publisher, ILogger logger)
{
    internal async Task<InvocationResult> HandleAsync(Invocation invocation, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        RefreshRequest request;
        try
        {
            request = read(invocation.Payload, fleet);
        }
        catch (InvalidPayloadException e)
        {
            var message = ErrorText.Truncate(e.Message, ErrorText.DefaultMaxLength);
            logger.InvalidPayload(message);
            return InvocationResult.Failed(new InvocationError(InvalidPayloadException.ErrorType, message));
        }

        var report = await refresh(fleet, request, deadline, cancellationToken).ConfigureAwait(false);
        var json = await publisher.PublishAsync(report, cancellationToken).ConfigureAwait(false);
        return ReportPublisher.Answer(report, json);
    }
}
