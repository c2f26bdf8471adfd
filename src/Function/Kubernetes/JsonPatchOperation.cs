using System.Text.Json;

namespace EcrPublicLambda.Kubernetes;

/// <summary>One RFC 6902 JSON patch operation.</summary>
internal sealed record JsonPatchOperation(string Op, string Path, JsonElement Value);
