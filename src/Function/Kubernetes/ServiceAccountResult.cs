using System.Text.Json.Serialization;

namespace EcrPublicLambda.Kubernetes;

internal enum ServiceAccountResult
{
    [JsonStringEnumMemberName("added")] Added,
    [JsonStringEnumMemberName("present")] Present,
    /// <summary>Cleanup: the Secret's entry was removed from <c>imagePullSecrets</c> (every other entry kept, in order).</summary>
    [JsonStringEnumMemberName("removed")] Removed,
    /// <summary>Cleanup: the service account (or its namespace) does not exist, or does not list the Secret: nothing to remove.</summary>
    [JsonStringEnumMemberName("absent")] Absent,
    [JsonStringEnumMemberName("failed")] Failed,
    /// <summary>Not attempted: the invocation deadline was too close, or the Secret was not written.</summary>
    [JsonStringEnumMemberName("skipped")] Skipped,
}
