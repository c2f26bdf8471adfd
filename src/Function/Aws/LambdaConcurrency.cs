using System.Text.Json.Serialization;

namespace EcrPublicLambda.Aws;

/// <summary>The body of Lambda <c>PutFunctionConcurrency</c> (request and answer).</summary>
internal sealed class LambdaConcurrency
{
    [JsonPropertyName("ReservedConcurrentExecutions")]
    public int ReservedConcurrentExecutions { get; set; }
}
