using System.Net;
using System.Text.Json;
using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Aws;

/// <summary>
/// AWS Secrets Manager, the one call we need: <c>GetSecretValue</c> (AWS JSON 1.1, target
/// <c>secretsmanager.GetSecretValue</c>, SigV4 service <c>secretsmanager</c>). Generic: it returns the
/// <c>SecretString</c> as it is and knows nothing of what it holds. The value never reaches a message.
/// Errors per the API reference (docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html and
/// CommonErrors.html); throttling and 5xx are retried by the sender like every other call.
/// </summary>
internal sealed class SecretsManagerClient(AwsHttpSender sender, AwsEndpoints endpoints)
{
    internal const string Service = "Secrets Manager";
    internal const string SigningName = "secretsmanager";
    internal const string Target = "secretsmanager.GetSecretValue";

    /// <summary>The <c>SecretString</c> of the current version (<c>AWSCURRENT</c>) of <paramref name="secretId"/> (an ARN or name).</summary>
    /// <exception cref="AwsServiceException">
    /// The call failed (the message names the secret and what to check), or the secret holds no <c>SecretString</c>.
    /// </exception>
    internal async Task<string> GetSecretStringAsync(string secretId, string region, AwsCredentials credentials, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(secretId);
        ArgumentException.ThrowIfNullOrEmpty(region);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("SecretId", secretId);
            writer.WriteEndObject();
        }

        var request = AwsJson11.Request(Service, "GetSecretValue", SigningName, region, endpoints.SecretsManager(region), Target, buffer.ToArray());
        var name = FleetRules.SecretArnName(secretId);
        byte[] body;
        try
        {
            body = await sender.SendAsync(request, credentials, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (Explain(e.Code, name, region) is { } why)
        {
            throw new AwsServiceException(Service, e.Code, e.StatusCode, $"{why} ({e.Message})", e);
        }

        return Parse(name, body);
    }

    internal static string Parse(string name, byte[] body)
    {
        SecretsManagerGetSecretValueResponse? response;
        try
        {
            response = JsonSerializer.Deserialize(body, AwsJsonContext.Default.SecretsManagerGetSecretValueResponse);
        }
        catch (JsonException)
        {
            throw Invalid(name, "the body is not JSON");
        }

        return response?.SecretString switch
        {
            { Length: > 0 } value => value,
            _ when response?.SecretBinary is not null => throw Invalid(name, "the secret holds SecretBinary; store the value as SecretString"),
            _ => throw Invalid(name, "SecretString is missing or empty"),
        };
    }

    private static string? Explain(string code, string name, string region) => code switch
    {
        "ResourceNotFoundException" => $"Secrets Manager secret \"{name}\" not found in {region}",
        "AccessDeniedException" => $"reading secret \"{name}\" was denied: the role needs secretsmanager:GetSecretValue on it (and kms:Decrypt on its key, if it has one)",
        "DecryptionFailure" => $"Secrets Manager could not decrypt secret \"{name}\" with its KMS key: the role needs kms:Decrypt on the key through Secrets Manager, and the key must be enabled",
        "InvalidRequestException" => $"secret \"{name}\" cannot be read now (scheduled for deletion, or without a current version)",
        _ => null,
    };

    private static AwsServiceException Invalid(string name, string what) =>
        new(Service, AwsServiceException.InvalidResponseCode, HttpStatusCode.OK, $"Secrets Manager GetSecretValue for \"{name}\" returned an unusable answer: {what}");
}
