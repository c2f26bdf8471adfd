using System.Text.Json.Serialization;

namespace EcrPublicLambda.Kubernetes;

internal enum SecretResult
{
    [JsonStringEnumMemberName("created")] Created,
    [JsonStringEnumMemberName("updated")] Updated,
    /// <summary>Cleanup: this tool's Secret was deleted.</summary>
    [JsonStringEnumMemberName("deleted")] Deleted,
    /// <summary>Cleanup: there is no such Secret (nor, perhaps, the namespace): nothing to delete.</summary>
    [JsonStringEnumMemberName("absent")] Absent,
    /// <summary>A same-named Secret that is not this tool's: left exactly as it is.</summary>
    [JsonStringEnumMemberName("conflict")] Conflict,
    [JsonStringEnumMemberName("failed")] Failed,
    /// <summary>Not attempted: the invocation deadline was too close.</summary>
    [JsonStringEnumMemberName("skipped")] Skipped,
}
