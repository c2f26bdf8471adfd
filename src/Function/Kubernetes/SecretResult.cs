using System.Text.Json.Serialization;

namespace EcrPublicLambda.Kubernetes;

internal enum SecretResult
{
    [JsonStringEnumMemberName("created")] Created,
    [JsonStringEnumMemberName("updated")] Updated,
    [JsonStringEnumMemberName("conflict")] Conflict,
    [JsonStringEnumMemberName("failed")] Failed,
    /// <summary>Not attempted: the invocation deadline was too close.</summary>
    [JsonStringEnumMemberName("skipped")] Skipped,
}
