using System.Text.Json.Serialization;

namespace EcrPublicLambda.Aws;

/// <summary>
/// The body of Secrets Manager <c>GetSecretValue</c> (only the fields we use; PascalCase as the API writes them:
/// docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html).
/// </summary>
internal sealed class SecretsManagerGetSecretValueResponse
{
    [JsonPropertyName("Name")]
    public string? Name { get; set; }

    [JsonPropertyName("SecretString")]
    public string? SecretString { get; set; }

    [JsonPropertyName("SecretBinary")]
    public string? SecretBinary { get; set; }

    public override string ToString() => $"GetSecretValue({Name}, <redacted>)";
}
