using System.Text.Json;
using System.Text.Json.Serialization;

namespace EcrPublicLambda.Kubernetes;

/// <summary>One RFC 6902 JSON patch operation (<c>remove</c> carries no value).</summary>
internal sealed record JsonPatchOperation(
    string Op,
    string Path,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Value = null);
