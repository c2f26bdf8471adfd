using System.Net;
using System.Text;
using System.Text.Json;

namespace EcrPublicLambda.Aws;

/// <summary>Amazon ECR Public, the one call we need (AWS JSON 1.1 protocol, us-east-1).</summary>
internal sealed class EcrPublicClient(AwsHttpSender sender, AwsEndpoints endpoints)
{
    internal const string Service = "ECR Public";
    internal const string SigningName = "ecr-public";
    internal const string Region = "us-east-1";
    internal const string Target = "SpencerFrontendService.GetAuthorizationToken";

    /// <summary><c>GetAuthorizationToken</c>: POST / with an empty JSON object.</summary>
    /// <exception cref="AwsServiceException">The call failed or the answer is unusable.</exception>
    internal async Task<RegistryCredentials> GetAuthorizationTokenAsync(AwsCredentials credentials, CancellationToken cancellationToken)
    {
        var request = AwsJson11.Request(Service, "GetAuthorizationToken", SigningName, Region, endpoints.EcrPublic, Target, "{}"u8.ToArray());
        var body = await sender.SendAsync(request, credentials, cancellationToken).ConfigureAwait(false);
        return Parse(body);
    }

    internal static RegistryCredentials Parse(byte[] body)
    {
        EcrAuthorizationTokenResponse? response;
        try
        {
            response = JsonSerializer.Deserialize(body, AwsJsonContext.Default.EcrAuthorizationTokenResponse);
        }
        catch (JsonException)
        {
            throw Invalid(Service, "the body is not JSON");
        }

        return Decode(response?.AuthorizationData, Service, "authorizationData");
    }

    /// <summary>
    /// An <c>authorizationData</c> item of ECR or ECR Public (found at <paramref name="path"/> of <paramref name="service"/>'s
    /// answer): base64 <c>user:password</c> and the expiry in epoch seconds. The token never reaches a message.
    /// </summary>
    internal static RegistryCredentials Decode(EcrAuthorizationData? data, string service, string path)
    {
        if (data?.AuthorizationToken is not { Length: > 0 } encoded || data.ExpiresAt is not { } expiresAt)
        {
            throw Invalid(service, $"{path}.authorizationToken or .expiresAt is missing");
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
        }
        catch (FormatException)
        {
            throw Invalid(service, $"{path}.authorizationToken is not base64");
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == decoded.Length - 1)
        {
            throw Invalid(service, $"{path}.authorizationToken is not \"user:password\"");
        }

        var expires = DateTimeOffset.UnixEpoch + TimeSpan.FromSeconds(expiresAt);
        return new RegistryCredentials(decoded[..colon], decoded[(colon + 1)..], expires);
    }

    /// <summary>A 200 answer of <paramref name="service"/>'s GetAuthorizationToken that cannot be used.</summary>
    internal static AwsServiceException Invalid(string service, string what) =>
        new(service, AwsServiceException.InvalidResponseCode, HttpStatusCode.OK, $"{service} GetAuthorizationToken returned an unusable answer: {what}");
}
