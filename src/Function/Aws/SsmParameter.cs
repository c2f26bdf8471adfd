using System.Text.Json.Serialization;

namespace EcrPublicLambda.Aws;

/// <summary>The part of an SSM <c>Parameter</c> the function reads.</summary>
internal sealed class SsmParameter
{
    [JsonPropertyName("Name")]
    public string? Name { get; set; }

    [JsonPropertyName("Value")]
    public string? Value { get; set; }
}
