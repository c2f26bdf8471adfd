using System.Text.Json.Serialization;
using EcrPublicLambda.Kubernetes;

namespace EcrPublicLambda.Refresh;

/// <summary>
/// One namespace's Secret. <see cref="FailedRegistries"/>: the Secret was written, but without fresh credentials for
/// these registries (each named with why); the namespace counts as failed.
/// </summary>
internal sealed record SecretReport(string Namespace, SecretResult Result, string? Error)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? FailedRegistries { get; init; }
}
