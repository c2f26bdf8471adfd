using EcrPublicLambda.Aws;
using EcrPublicLambda.Common;
using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Hosting.Lambda;

/// <summary>
/// The teardown fence: sets the function's own reserved concurrency to 0 (Lambda PutFunctionConcurrency on
/// <c>AWS_LAMBDA_FUNCTION_NAME</c> in <c>AWS_REGION</c>), so that no invocation runs after the teardown cleanup, not
/// even a scheduled event Lambda already queued (it keeps retrying throttled asynchronous events for hours, then
/// drops them). Never throws: a failure is what <see cref="CloseAsync"/> returns.
/// </summary>
internal sealed class ConcurrencyFence(Func<AwsClients> aws, AppEnvironment environment)
{
    private readonly string? functionName = environment.Get("AWS_LAMBDA_FUNCTION_NAME");
    private readonly string? region = environment.Get("AWS_REGION") ?? environment.Get("AWS_DEFAULT_REGION");

    /// <summary>Null when the function's reserved concurrency is now 0; else why not (no credential in it).</summary>
    internal async Task<string?> CloseAsync(CancellationToken cancellationToken)
    {
        if (functionName is null || region is null)
        {
            return "AWS_LAMBDA_FUNCTION_NAME or AWS_REGION is not set";
        }

        try
        {
            await aws().PutFunctionConcurrencyAsync(functionName, region, 0, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (e is AwsServiceException or AwsCredentialsException or FormatException)
        {
            return ErrorText.Sanitize(e.Message, 300);
        }
    }
}
