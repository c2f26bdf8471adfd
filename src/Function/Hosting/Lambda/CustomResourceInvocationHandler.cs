using System.Text.Json;
using EcrPublicLambda.Refresh;

namespace EcrPublicLambda.Hosting.Lambda;

/// <summary>
/// The handler of a CloudFormation custom-resource request: acted on and answered to CloudFormation by
/// <see cref="CustomResourceHandler"/>; its run is published as any run's (a cleanup's metrics line has no
/// RunSucceeded), and the invocation fails as a run with failures does, so the alarms and the failure destination
/// see it. The invocation's response is the answer CloudFormation got.
/// </summary>
internal sealed class CustomResourceInvocationHandler(CustomResourceHandler customResources, ReportPublisher publisher)
{
    internal async Task<InvocationResult> HandleAsync(Invocation invocation, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var outcome = await customResources.HandleAsync(invocation, deadline, cancellationToken).ConfigureAwait(false);
        InvocationResult? runResult = null;
        if (outcome.Report is { } report)
        {
            runResult = ReportPublisher.Answer(report, await publisher.PublishAsync(report, cancellationToken).ConfigureAwait(false));
        }

        var error = outcome.Error ?? runResult?.Error;
        if (error is not null || outcome.Response is null)
        {
            return InvocationResult.Failed(error ?? new InvocationError(CustomResourceHandler.AnswerFailedErrorType, "no answer was made"));
        }

        return InvocationResult.Succeeded(JsonSerializer.SerializeToUtf8Bytes(outcome.Response, JsonContext.Relaxed.CustomResourceResponse));
    }
}
