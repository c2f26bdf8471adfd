using EcrPublicLambda.Kubernetes;
using EcrPublicLambda.Refresh;

namespace EcrPublicLambda.Hosting;

/// <summary>
/// <c>bootstrap refresh|cleanup -o table</c>: one row per namespace (cluster, region, namespace, what became of the
/// Secret, the service accounts, the error), the clusters' own errors, and the run's status line. Results other than
/// the run's goal are coloured on a terminal.
/// </summary>
internal static class ReportTable
{
    internal static string Render(RefreshReport report, bool colour)
    {
        ArgumentNullException.ThrowIfNull(report);
        var table = new TextTable("CLUSTER", "REGION", "NAMESPACE", "SECRET", "SERVICE ACCOUNTS", "ERROR");
        foreach (var cluster in report.Clusters)
        {
            foreach (var secret in cluster.Secrets)
            {
                var accounts = cluster.ServiceAccounts.Where(a => string.Equals(a.Namespace, secret.Namespace, StringComparison.Ordinal)).ToList();
                var errors = accounts.Where(a => a.Error is not null).Select(a => $"{a.Name}: {a.Error}").Prepend(secret.Error).Where(e => !string.IsNullOrEmpty(e));
                table.Add(
                    (cluster.Name, null),
                    (cluster.Region, null),
                    (secret.Namespace, null),
                    (Words.Of(secret.Result), report.Operation.IsDone(secret.Result) ? "32" : "31"),
                    (accounts.Count == 0 ? "-" : string.Join(",", accounts.Select(a => $"{a.Name}={Words.Of(a.Result)}")), accounts.All(a => report.Operation.IsDone(a.Result)) ? null : "31"),
                    (string.Join("; ", errors) is { Length: > 0 } error ? error : "-", null));
            }
        }

        var text = new System.Text.StringBuilder(table.Count > 0 ? table.Render(colour) : "No namespace was worked on.\n");
        foreach (var cluster in report.Clusters.Where(c => c.Error is not null))
        {
            text.Append('\n').Append(TextTable.Safe($"cluster {cluster.Name} ({cluster.Region}): {Words.Of(cluster.Status)}: {cluster.Error}"));
        }

        text.Append('\n').Append($"{report.Operation.Name}{(report.DryRun ? " (dry run)" : string.Empty)}: {Words.Of(report.Status)} in {report.DurationMs} ms");
        return text.Append('\n').ToString();
    }
}
