using System.Text.Json.Serialization;

namespace EcrPublicLambda.Aws;

/// <summary>The body of SSM <c>GetParameter</c>: the parameter's name (a String parameter: no decryption asked).</summary>
internal sealed class SsmGetParameterRequest
{
    [JsonPropertyName("Name")]
    public string? Name { get; set; }
}
