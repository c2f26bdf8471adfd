using System.Text.Json.Serialization;

namespace EcrPublicLambda.Aws;

/// <summary>The answer of SSM <c>GetParameter</c>: <c>{"Parameter": {"Name", "Type", "Value", "Version", ...}}</c>.</summary>
internal sealed class SsmGetParameterResponse
{
    [JsonPropertyName("Parameter")]
    public SsmParameter? Parameter { get; set; }
}
