using System.Text.Json.Serialization;

namespace EcrPublicLambda.Kubernetes;

internal enum ServiceAccountResult
{
    [JsonStringEnumMemberName("added")] Added,
    [JsonStringEnumMemberName("present")] Present,
    [JsonStringEnumMemberName("failed")] Failed,
    /// <summary>Not attempted: the invocation deadline was too close, or the Secret was not written.</summary>
    [JsonStringEnumMemberName("skipped")] Skipped,
}
