using EcrPublicLambda.Configuration;
using EcrPublicLambda.Kubernetes;

namespace EcrPublicLambda.Refresh;

/// <summary>
/// A cleanup, the reverse of a refresh, with no registry login: delete our Secret; take its entry out of each service
/// account once the Secret is gone (deleted or absent). When a same-named Secret is someone else's (conflict), the entry
/// may be theirs and is left alone; when the Secret could not be judged or deleted (failed, skipped), so are the
/// entries, until a cleanup gets further. Done: the Secret <c>deleted</c> or <c>absent</c>, the service accounts
/// <c>removed</c> or <c>absent</c>.
/// </summary>
internal sealed class CleanupOperation(CleanupScope scope) : RunOperation
{
    internal override string Name => "cleanup";

    internal override bool NeedsRegistryLogin => false;

    internal override NamespaceSteps StepsFor(KubernetesCluster kube, Fleet fleet, DockerConfigSecret? password, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(kube);
        ArgumentNullException.ThrowIfNull(fleet);
        return new(
            (ns, cancellationToken) => kube.DeleteSecretAsync(ns, fleet.SecretName, fleet.Instance, dryRun, cancellationToken),
            (ns, name, cancellationToken) => kube.RemovePullSecretAsync(ns, name, fleet.SecretName, dryRun, cancellationToken),
            result => result switch
            {
                SecretResult.Deleted or SecretResult.Absent => null,
                SecretResult.Conflict => "not attempted: the Secret in this namespace is not this tool's, so the entry naming it was left alone",
                _ => "not attempted: the Secret was not removed in this namespace",
            });
    }

    internal override bool IsDone(SecretResult result) => result is SecretResult.Deleted or SecretResult.Absent;

    internal override bool IsDone(ServiceAccountResult result) => result is ServiceAccountResult.Removed or ServiceAccountResult.Absent;

    internal override string SecretsDoneAs => "deleted or absent";

    internal override string ServiceAccountsDoneAs => "no longer list it";

    internal override string SecretStep => "removed";

    internal override string IncompleteErrorType => "CleanupIncomplete";

    internal override string SecretsMetric => MetricNames.SecretsDeleted;

    internal override bool CountsInSecretsMetric(SecretResult result) => result == SecretResult.Deleted;

    internal override bool ReportsRunSucceeded => false;

    /// <summary>Every cleanup sweeps, unless it cleans exactly a fleet change's removals (<see cref="CleanupScope.Selection"/>).</summary>
    internal override bool Sweeps(ClusterConfig cluster) => scope == CleanupScope.EverythingOurs;

    internal override bool WaitsForLeaseHolder => true;

    internal override bool MeasuresOldestSecret => false;
}
