using EcrPublicLambda.Configuration;
using EcrPublicLambda.Kubernetes;

namespace EcrPublicLambda.Refresh;

/// <summary>
/// Assembles the report: a cluster's from its entries (its status and, when every namespace failed alike, its error),
/// the reports of clusters that were not worked on (not started, failed as a whole), and the run's status.
/// </summary>
internal static class ReportAssembler
{
    private const string ClusterFailedReason = "not attempted: the cluster failed (see its error)";

    /// <summary>A cluster worked on: succeeded when every entry is done as the operation wants it, failed when none is, else partial.</summary>
    internal static ClusterReport Cluster(ClusterConfig cluster, RunOperation operation, SecretReport[] secrets, ServiceAccountReport[] accounts) =>
        Cluster(cluster, operation, secrets, accounts, [], []);

    /// <summary>
    /// A cluster worked on, with the namespaces its sweep cleaned (<see cref="Sweep"/>): those are judged as a cleanup
    /// judges them, whatever the run's operation, and listed after the others.
    /// </summary>
    internal static ClusterReport Cluster(
        ClusterConfig cluster, RunOperation operation, SecretReport[] secrets, ServiceAccountReport[] accounts, SecretReport[] sweptSecrets, ServiceAccountReport[] sweptAccounts)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(operation);
        var outcomes = secrets.Select(s => operation.IsDone(s.Result))
            .Concat(accounts.Select(a => operation.IsDone(a.Result)))
            .Concat(sweptSecrets.Select(s => RunOperation.Cleanup.IsDone(s.Result)))
            .Concat(sweptAccounts.Select(a => RunOperation.Cleanup.IsDone(a.Result)))
            .ToList();
        secrets = [.. secrets, .. sweptSecrets];
        accounts = [.. accounts, .. sweptAccounts];
        var status = outcomes.All(ok => ok) ? RunStatus.Succeeded : outcomes.Any(ok => ok) ? RunStatus.Partial : RunStatus.Failed;

        // When every namespace failed for the same reason (e.g. the API server is unreachable), say it once on the cluster.
        string? error = null;
        if (status == RunStatus.Failed && secrets.Length > 0 && secrets.All(s => s.Result == SecretResult.Failed)
            && secrets.Select(s => s.Error).Distinct(StringComparer.Ordinal).Count() == 1)
        {
            error = secrets[0].Error;
        }

        return new ClusterReport(cluster.Name, cluster.Region, status, error, secrets, accounts);
    }

    /// <summary>A cluster that was not started before the deadline: every known entry skipped.</summary>
    internal static ClusterReport Skipped(ClusterConfig cluster) =>
        new(cluster.Name, cluster.Region, RunStatus.Failed, RunBudget.NotStarted,
            [.. KnownNamespaces(cluster).Select(ns => new SecretReport(ns, SecretResult.Skipped, RunBudget.NotStarted))],
            [.. KnownTargets(cluster).Select(t => new ServiceAccountReport(t.Namespace, t.Name, ServiceAccountResult.Skipped, RunBudget.NotStarted))]);

    /// <summary>A cluster that could not be reached at all: the error once on the cluster, every entry failed.</summary>
    internal static ClusterReport Failed(ClusterConfig cluster, string error) =>
        new(cluster.Name, cluster.Region, RunStatus.Failed, error,
            [.. KnownNamespaces(cluster).Select(ns => new SecretReport(ns, SecretResult.Failed, ClusterFailedReason))],
            [.. KnownTargets(cluster).Select(t => new ServiceAccountReport(t.Namespace, t.Name, ServiceAccountResult.Failed, ClusterFailedReason))]);

    /// <summary>A cluster left alone because of its Lease (another run holds it, or no namespace can keep it): every known entry skipped with the reason.</summary>
    internal static ClusterReport LeaseRefused(ClusterConfig cluster, string error) =>
        new(cluster.Name, cluster.Region, RunStatus.Failed, error,
            [.. KnownNamespaces(cluster).Select(ns => new SecretReport(ns, SecretResult.Skipped, "not attempted: " + error))],
            [.. KnownTargets(cluster).Select(t => new ServiceAccountReport(t.Namespace, t.Name, ServiceAccountResult.Skipped, "not attempted: " + error))]);

    /// <summary>One namespace whose Secret step did not run (or was cut short): its Secret and service accounts skipped with <paramref name="reason"/>.</summary>
    internal static NamespaceReport SkippedNamespace(ClusterConfig cluster, string ns, string reason) =>
        new(new SecretReport(ns, SecretResult.Skipped, reason),
            [.. cluster.ServiceAccounts.Select(name => new ServiceAccountReport(ns, name, ServiceAccountResult.Skipped, reason))]);

    /// <summary>The run's status: succeeded when every cluster did, failed when every cluster did, else partial.</summary>
    internal static RunStatus Rollup(IEnumerable<RunStatus> statuses)
    {
        var all = statuses.ToList();
        return all.All(s => s == RunStatus.Succeeded) ? RunStatus.Succeeded
            : all.All(s => s == RunStatus.Failed) ? RunStatus.Failed
            : RunStatus.Partial;
    }

    /// <summary>
    /// The namespaces a cluster that was not worked on is reported with: its exact names, not excluded. Patterns and
    /// selected namespaces are unknown until the namespace list, so they are not reported (the cluster's error says why).
    /// </summary>
    private static IReadOnlyList<string> KnownNamespaces(ClusterConfig cluster) => NamespaceSelection.For(cluster).ExactNamespaces;

    private static IEnumerable<(string Namespace, string Name)> KnownTargets(ClusterConfig cluster) =>
        KnownNamespaces(cluster).SelectMany(ns => cluster.ServiceAccounts.Select(name => (ns, name)));
}
