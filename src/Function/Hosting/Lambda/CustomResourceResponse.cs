using System.Text.Json.Serialization;

namespace EcrPublicLambda.Hosting.Lambda;

/// <summary>The answer CloudFormation takes for a custom resource, PUT to the request's ResponseURL (at most 4096 bytes).</summary>
internal sealed record CustomResourceResponse(
    [property: JsonPropertyName("Status")] string Status,
    [property: JsonPropertyName("Reason")] string Reason,
    [property: JsonPropertyName("PhysicalResourceId")] string PhysicalResourceId,
    [property: JsonPropertyName("StackId")] string StackId,
    [property: JsonPropertyName("RequestId")] string RequestId,
    [property: JsonPropertyName("LogicalResourceId")] string LogicalResourceId,
    [property: JsonPropertyName("NoEcho")] bool NoEcho,
    [property: JsonPropertyName("Data")] IReadOnlyDictionary<string, string> Data)
{
    internal const string Success = "SUCCESS";
    internal const string Failed = "FAILED";
}
