using EcrPublicLambda.Configuration;
using EcrPublicLambda.Kubernetes;

namespace EcrPublicLambda.Refresh;

/// <summary>
/// What a run does in one namespace of one cluster: one step for the Secret, then one per listed service account,
/// unless the Secret's result says the service accounts must be left alone (<see cref="AccountsBlocked"/> gives why).
/// A refresh writes the Secret and appends it to the service accounts; a cleanup does the reverse.
/// </summary>
internal sealed record NamespaceSteps(
    Func<string, CancellationToken, Task<(SecretResult Result, string? Error)>> Secret,
    Func<string, string, CancellationToken, Task<(ServiceAccountResult Result, string? Error)>> ServiceAccount,
    Func<SecretResult, string?> AccountsBlocked)
{
    /// <summary>The registries of this cluster that could not be fetched this run, each with why (a refresh; else empty).</summary>
    internal IReadOnlyList<string> FailedRegistries { get; init; } = [];

    /// <summary>
    /// Apply the Secret (keeping the previous entries of <paramref name="failedRegistries"/>' servers); append it to each
    /// service account once it is written.
    /// </summary>
    internal static NamespaceSteps Refresh(KubernetesCluster kube, Fleet fleet, DockerConfigSecret secret, IReadOnlyList<string> failedRegistries, bool dryRun) => new(
        (ns, cancellationToken) => kube.ApplySecretAsync(ns, fleet.SecretName, fleet.Instance, secret, fleet.AdoptExisting, dryRun, cancellationToken),
        (ns, name, cancellationToken) => kube.EnsurePullSecretAsync(ns, name, fleet.SecretName, dryRun, cancellationToken),
        result => result is SecretResult.Created or SecretResult.Updated ? null : "not attempted: the Secret was not written in this namespace")
    {
        FailedRegistries = failedRegistries,
    };

    /// <summary>
    /// Delete our Secret; take its entry out of each service account once the Secret is gone (deleted or absent). When
    /// a same-named Secret is someone else's (conflict), the entry may be theirs and is left alone; when the Secret could
    /// not be judged or deleted (failed, skipped), so are the entries, until a cleanup gets further.
    /// </summary>
    internal static NamespaceSteps Cleanup(KubernetesCluster kube, Fleet fleet, bool dryRun) => new(
        (ns, cancellationToken) => kube.DeleteSecretAsync(ns, fleet.SecretName, fleet.Instance, dryRun, cancellationToken),
        (ns, name, cancellationToken) => kube.RemovePullSecretAsync(ns, name, fleet.SecretName, dryRun, cancellationToken),
        result => result switch
        {
            SecretResult.Deleted or SecretResult.Absent => null,
            SecretResult.Conflict => "not attempted: the Secret in this namespace is not this tool's, so the entry naming it was left alone",
            _ => "not attempted: the Secret was not removed in this namespace",
        });
}
