using System.Text.Json.Serialization;

namespace EcrPublicLambda.Kubernetes;

/// <summary>What a service account's <c>imagePullSecrets</c> says about the pull Secret, as read (no write).</summary>
internal enum PullSecretEntry
{
    /// <summary>The service account lists the Secret.</summary>
    [JsonStringEnumMemberName("present")] Present,

    /// <summary>The service account exists and does not list it.</summary>
    [JsonStringEnumMemberName("absent")] Absent,

    /// <summary>No such service account.</summary>
    [JsonStringEnumMemberName("noServiceAccount")] NoServiceAccount,

    /// <summary>The service account could not be read.</summary>
    [JsonStringEnumMemberName("failed")] Failed,
}
