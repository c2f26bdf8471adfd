using System.Net;
using System.Text.Json;

namespace EcrPublicLambda.Aws;

/// <summary>
/// AWS Systems Manager Parameter Store, the one call we need: <c>GetParameter</c> (AWS JSON 1.1, target
/// <c>AmazonSSM.GetParameter</c>, signing name <c>ssm</c>; SSM API reference, "GetParameter").
/// </summary>
internal sealed class SsmClient(AwsHttpSender sender, AwsEndpoints endpoints)
{
    internal const string Service = "SSM";
    internal const string SigningName = "ssm";
    internal const string Target = "AmazonSSM.GetParameter";

    /// <summary>SSM's error code for a parameter that does not exist (HTTP 400).</summary>
    internal const string ParameterNotFound = "ParameterNotFound";

    /// <summary>The value of the String parameter <paramref name="name"/> in <paramref name="region"/>.</summary>
    /// <exception cref="AwsServiceException">The call failed (<see cref="ParameterNotFound"/> when there is no such parameter) or the answer is unusable.</exception>
    internal async Task<string> GetParameterAsync(string name, string region, AwsCredentials credentials, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(region);
        var payload = new SsmGetParameterRequest { Name = name };
        var json = JsonSerializer.SerializeToUtf8Bytes(payload, AwsJsonContext.Default.SsmGetParameterRequest);
        var request = AwsJson11.Request(Service, "GetParameter", SigningName, region, endpoints.Ssm(region), Target, json);
        var body = await sender.SendAsync(request, credentials, cancellationToken).ConfigureAwait(false);
        return Parse(name, body);
    }

    internal static string Parse(string name, byte[] body)
    {
        SsmGetParameterResponse? response;
        try
        {
            response = JsonSerializer.Deserialize(body, AwsJsonContext.Default.SsmGetParameterResponse);
        }
        catch (JsonException)
        {
            throw Invalid(name, "the body is not JSON");
        }

        return response?.Parameter?.Value ?? throw Invalid(name, "no Parameter.Value");
    }

    private static AwsServiceException Invalid(string name, string what) =>
        new(Service, AwsServiceException.InvalidResponseCode, HttpStatusCode.OK, $"SSM GetParameter of {name} returned an unusable answer: {what}");
}
