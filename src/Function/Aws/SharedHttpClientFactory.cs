using Amazon.Runtime;

namespace EcrPublicLambda.Aws;

/// <summary>Hands the app's one <see cref="HttpClient"/> to AWSSDK clients (STS), so connections are shared and reused.</summary>
internal sealed class SharedHttpClientFactory(HttpClient http) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => http;

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
}
