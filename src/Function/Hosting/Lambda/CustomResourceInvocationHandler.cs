using System.Text.Json;
using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Hosting.Lambda;

/// <summary>
/// The handler of a CloudFormation custom-resource request: acted on and answered to CloudFormation by
/// <see cref="CustomResourceHandler"/> over the deployed fleet; its run is published as any run's (a cleanup's metrics
/// line has no RunSucceeded). Once the answer is delivered the invocation succeeds, whatever the run came to: the
/// failure is in the answer, the logs and the failed-clusters metric, and no failure record (with the ResponseURL in
/// its request payload) goes to the on-failure destination. Only an answer that could not be sent is a function error.
/// The invocation's response is the answer CloudFormation got.
/// </summary>
internal sealed class CustomResourceInvocationHandler(Fleet fleet, CustomResourceHandler customResources, ReportPublisher publisher)
{
    internal async Task<InvocationResult> HandleAsync(Invocation invocation, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var outcome = await customResources.HandleAsync(invocation, fleet, deadline, cancellationToken).ConfigureAwait(false);
        if (outcome.Report is { } report)
        {
            await publisher.PublishAsync(report, cancellationToken).ConfigureAwait(false);
        }

        if (outcome.Error is not null || outcome.Response is null)
        {
            return InvocationResult.Failed(outcome.Error ?? new InvocationError(CustomResourceHandler.AnswerFailedErrorType, "no answer was made"));
        }

        return InvocationResult.Succeeded(JsonSerializer.SerializeToUtf8Bytes(outcome.Response, JsonContext.Relaxed.CustomResourceResponse));
    }
}
