using EcrPublicLambda.Configuration;
using EcrPublicLambda.Kubernetes;

namespace EcrPublicLambda.Refresh;

/// <summary>
/// A refresh: apply the Secret with the run's registry password; append it to each service account once it is written.
/// Done: the Secret <c>created</c> or <c>updated</c>, the service accounts <c>added</c> or <c>present</c>.
/// </summary>
internal sealed class RefreshOperation : RunOperation
{
    internal override string Name => "refresh";

    internal override bool NeedsRegistryLogin => true;

    internal override NamespaceSteps StepsFor(KubernetesCluster kube, Fleet fleet, DockerConfigSecret? password, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(kube);
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(password);
        return new(
            (ns, cancellationToken) => kube.ApplySecretAsync(ns, fleet.SecretName, fleet.Instance, password, fleet.AdoptExisting, dryRun, cancellationToken),
            (ns, name, cancellationToken) => kube.EnsurePullSecretAsync(ns, name, fleet.SecretName, dryRun, cancellationToken),
            result => IsDone(result) ? null : "not attempted: the Secret was not written in this namespace");
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
