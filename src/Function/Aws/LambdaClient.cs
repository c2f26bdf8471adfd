using System.Text.Json;

namespace EcrPublicLambda.Aws;

/// <summary>
/// AWS Lambda, the one call we need: <c>PutFunctionConcurrency</c> (REST-JSON, <c>PUT /2017-10-31/functions/{FunctionName}/concurrency</c>,
/// signing name <c>lambda</c>; Lambda API reference, "PutFunctionConcurrency").
/// </summary>
internal sealed class LambdaClient(AwsHttpSender sender, AwsEndpoints endpoints)
{
    internal const string Service = "Lambda";
    internal const string SigningName = "lambda";

    /// <summary>Reserves <paramref name="executions"/> concurrent executions for the function (0: no invocation runs any more).</summary>
    /// <exception cref="AwsServiceException">The call failed.</exception>
    internal async Task PutFunctionConcurrencyAsync(string functionName, string region, int executions, AwsCredentials credentials, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(functionName);
        ArgumentException.ThrowIfNullOrEmpty(region);
        ArgumentOutOfRangeException.ThrowIfNegative(executions);
        var request = new AwsRequest(
            Service,
            "PutFunctionConcurrency",
            SigningName,
            region,
            HttpMethod.Put,
            new Uri(endpoints.Lambda(region), $"2017-10-31/functions/{SigV4Signer.Encode(functionName)}/concurrency"),
            [new("Content-Type", "application/json")],
            JsonSerializer.SerializeToUtf8Bytes(new LambdaConcurrency { ReservedConcurrentExecutions = executions }, AwsJsonContext.Default.LambdaConcurrency));
        _ = await sender.SendAsync(request, credentials, cancellationToken).ConfigureAwait(false);
    }
}
