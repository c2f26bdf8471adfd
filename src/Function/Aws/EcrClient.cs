using System.Text.Json;

namespace EcrPublicLambda.Aws;

/// <summary>
/// Amazon ECR (private registries), the one call we need: <c>GetAuthorizationToken</c> (AWS JSON 1.1, target
/// <c>AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken</c>, SigV4 service <c>ecr</c>, the registry's region).
/// Without <c>registryIds</c> the token is the caller's for every registry its policies let it pull from, valid 12 hours
/// (docs.aws.amazon.com/AmazonECR/latest/APIReference/API_GetAuthorizationToken.html).
/// </summary>
internal sealed class EcrClient(AwsHttpSender sender, AwsEndpoints endpoints)
{
    internal const string Service = "ECR";
    internal const string SigningName = "ecr";
    internal const string Target = "AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken";

    /// <exception cref="AwsServiceException">The call failed or the answer is unusable.</exception>
    internal async Task<RegistryCredentials> GetAuthorizationTokenAsync(string region, AwsCredentials credentials, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(region);
        var request = AwsJson11.Request(Service, "GetAuthorizationToken", SigningName, region, endpoints.Ecr(region), Target, "{}"u8.ToArray());
        var body = await sender.SendAsync(request, credentials, cancellationToken).ConfigureAwait(false);
        return Parse(body);
    }

    /// <summary><c>authorizationData</c> is a list here (one item without <c>registryIds</c>), unlike ECR Public's one object.</summary>
    internal static RegistryCredentials Parse(byte[] body)
    {
        EcrPrivateAuthorizationTokenResponse? response;
        try
        {
            response = JsonSerializer.Deserialize(body, AwsJsonContext.Default.EcrPrivateAuthorizationTokenResponse);
        }
        catch (JsonException)
        {
            throw EcrPublicClient.Invalid(Service, "the body is not JSON");
        }

        return EcrPublicClient.Decode(response?.AuthorizationData is { Count: > 0 } list ? list[0] : null, Service, "authorizationData[0]");
    }
}
