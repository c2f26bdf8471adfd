using System.Text.Json.Serialization;
using EcrPublicLambda.Configuration;
using EcrPublicLambda.Kubernetes;

namespace EcrPublicLambda.Refresh;

/// <summary>
/// What a run does, as a value: which steps it takes in each namespace, which results leave a namespace as it wants
/// it, whether it needs the registry login, and how its report is worded and measured. The engine, the hosts and the
/// logs ask the operation instead of branching on a mode (as external-dns models its policy as a type,
/// <c>plan/policy.go</c>). Written in the report and in the logs by <see cref="Name"/>.
/// </summary>
[JsonConverter(typeof(RunOperationConverter))]
internal abstract class RunOperation
{
    /// <summary>Write the pull Secret and append it to the service accounts.</summary>
    internal static readonly RunOperation Refresh = new RefreshOperation();

    /// <summary>The reverse of a refresh: delete this tool's Secret and take its entry out of the service accounts.</summary>
    internal static readonly RunOperation Cleanup = new CleanupOperation(CleanupScope.EverythingOurs);

    /// <summary>
    /// A cleanup of exactly the fleet's selection, with no sweep: a fleet change's removals, whose clusters keep their
    /// other namespaces (the next refresh sweeps whatever a selection left). Named <c>cleanup</c> like the other.
    /// </summary>
    internal static readonly RunOperation SelectionCleanup = new CleanupOperation(CleanupScope.Selection);

    internal static IReadOnlyList<RunOperation> All { get; } = [Refresh, Cleanup];

    /// <summary>The operation's name in the report (<c>operation</c>), the logs' <c>Operation</c> field and the failure summary.</summary>
    internal abstract string Name { get; }

    /// <summary>Whether the run needs the ECR Public password (one login per run, before anything is written).</summary>
    internal abstract bool NeedsRegistryLogin { get; }

    /// <summary>The steps in each namespace of one cluster; <paramref name="password"/> is set when <see cref="NeedsRegistryLogin"/>.</summary>
    internal abstract NamespaceSteps StepsFor(KubernetesCluster kube, Fleet fleet, DockerConfigSecret? password, bool dryRun);

    /// <summary>Whether a Secret's result leaves its namespace as this operation wants it (else the cluster is partial or failed).</summary>
    internal abstract bool IsDone(SecretResult result);

    /// <summary>Whether a service account's result leaves it as this operation wants it.</summary>
    internal abstract bool IsDone(ServiceAccountResult result);

    /// <summary>How the cluster's log line says that a Secret is done, e.g. "written".</summary>
    internal abstract string SecretsDoneAs { get; }

    /// <summary>How the cluster's log line says that a service account is done, e.g. "list it".</summary>
    internal abstract string ServiceAccountsDoneAs { get; }

    /// <summary>What a Secret must have been for its service accounts to be worked on, e.g. "written" (the failure summary's skipped items).</summary>
    internal abstract string SecretStep { get; }

    /// <summary>The Lambda function error type of a run that did not succeed.</summary>
    internal abstract string IncompleteErrorType { get; }

    /// <summary>The metric counting the Secrets this operation changed (<see cref="MetricNames"/>), and which results it counts.</summary>
    internal abstract string SecretsMetric { get; }

    internal abstract bool CountsInSecretsMetric(SecretResult result);

    /// <summary>Whether the run reports <see cref="MetricNames.RunSucceeded"/>: that metric feeds the missed-refresh alarm, which only a refresh may quiet.</summary>
    internal abstract bool ReportsRunSucceeded { get; }

    /// <summary>
    /// Whether the run measures, before it writes, the age of the oldest Secret of ours in its namespaces
    /// (<see cref="MetricNames.OldestSecretAge"/>): an alarm watches it to see runs not reaching a namespace in time.
    /// </summary>
    internal abstract bool MeasuresOldestSecret { get; }

    /// <summary>
    /// Whether the run waits for another run's Lease on a cluster to be given back (<see cref="RunLeases"/>) instead of
    /// leaving the cluster to that run: a teardown's cleanup must not leave that run's Secrets behind.
    /// </summary>
    internal abstract bool WaitsForLeaseHolder { get; }

    /// <summary>Whether the run sweeps <paramref name="cluster"/>: removes our Secrets outside its selection (<see cref="Sweep"/>).</summary>
    internal abstract bool Sweeps(ClusterConfig cluster);

    /// <summary>The operation of <paramref name="name"/>, or null.</summary>
    internal static RunOperation? Named(string? name) => All.FirstOrDefault(operation => string.Equals(operation.Name, name, StringComparison.Ordinal));

    public override string ToString() => Name;
}
