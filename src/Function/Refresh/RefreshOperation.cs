using EcrPublicLambda.Configuration;
using EcrPublicLambda.Kubernetes;

namespace EcrPublicLambda.Refresh;

/// <summary>
/// A refresh: apply the Secret with the cluster's registry credentials; append it to each service account once it is written.
/// Done: the Secret <c>created</c> or <c>updated</c>, the service accounts <c>added</c> or <c>present</c>.
/// </summary>
internal sealed class RefreshOperation : RunOperation
{
    internal override string Name => "refresh";

    internal override bool NeedsRegistryLogin => true;

    /// <summary>
    /// The Secret step applies the cluster's content; when some registry failed, it reads the Secret first and keeps
    /// that registry's entries (<see cref="KubernetesCluster.ApplySecretAsync"/>), and the namespace reports the
    /// registries that failed (<see cref="NamespaceSteps.FailedRegistries"/>).
    /// </summary>
    internal override NamespaceSteps StepsFor(KubernetesCluster kube, Fleet fleet, SecretContent? content, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(kube);
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(content);
        return new(
            (ns, cancellationToken) => kube.ApplySecretAsync(ns, fleet.SecretName, fleet.Instance, content.Secret, fleet.AdoptExisting, dryRun, cancellationToken),
            (ns, name, cancellationToken) => kube.EnsurePullSecretAsync(ns, name, fleet.SecretName, dryRun, cancellationToken),
            result => IsDone(result) ? null : "not attempted: the Secret was not written in this namespace")
        {
            FailedRegistries = content.FailedRegistries,
        };
    }

    internal override bool IsDone(SecretResult result) => result is SecretResult.Created or SecretResult.Updated;

    internal override bool IsDone(ServiceAccountResult result) => result is ServiceAccountResult.Added or ServiceAccountResult.Present;

    internal override string SecretsDoneAs => "written";

    internal override string ServiceAccountsDoneAs => "list it";

    internal override string SecretStep => "written";

    internal override string IncompleteErrorType => "RefreshIncomplete";

    internal override string SecretsMetric => MetricNames.SecretsWritten;

    internal override bool CountsInSecretsMetric(SecretResult result) => IsDone(result);

    internal override bool ReportsRunSucceeded => true;

    /// <summary>A refresh sweeps a cluster chosen by pattern or selector, whose namespaces can leave without a fleet change.</summary>
    internal override bool Sweeps(ClusterConfig cluster) => NamespaceSelection.For(cluster).NeedsNamespaceList;

    internal override bool WaitsForLeaseHolder => false;

    internal override bool MeasuresOldestSecret => true;
}
