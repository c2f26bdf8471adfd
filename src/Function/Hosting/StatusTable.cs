using EcrPublicLambda.Common;
using EcrPublicLambda.Refresh;

namespace EcrPublicLambda.Hosting;

/// <summary>
/// <c>bootstrap status -o table</c>: one row per namespace (cluster, region, namespace, verdict, age of the last write,
/// time left until the password expires, registries, service accounts lacking the entry, detail), then the clusters
/// that could not be read, then the counts and the time of the reading.
/// </summary>
internal static class StatusTable
{
    internal static string Render(StatusReport report, bool colour)
    {
        ArgumentNullException.ThrowIfNull(report);
        var table = new TextTable("CLUSTER", "REGION", "NAMESPACE", "VERDICT", "AGE", "EXPIRES IN", "REGISTRIES", "DETAIL");
        foreach (var cluster in report.Clusters)
        {
            foreach (var ns in cluster.Namespaces)
            {
                var expiresIn = ns.ExpiresAt is { } expires ? DurationText.Short(expires - report.ReadAt) : "-";
                var unlisted = ns.ServiceAccounts.Where(a => a.Entry != Kubernetes.PullSecretEntry.Present).Select(a => $"{a.Name}: {Words.Of(a.Entry)}").ToList();
                var detail = string.Join("; ", new[] { ns.Error, ns.Detail }.Concat(unlisted.Count > 0 ? [$"service account {string.Join(", ", unlisted)}"] : []).Where(d => !string.IsNullOrEmpty(d)));
                table.Add(
                    (cluster.Name, null),
                    (cluster.Region, null),
                    (ns.Namespace, null),
                    (ns.Verdict is { } verdict ? Words.Of(verdict) : "unread", Sgr(ns.Verdict)),
                    (ns.AgeSeconds is { } age ? DurationText.Short(TimeSpan.FromSeconds(age)) : "-", null),
                    (expiresIn, null),
                    (ns.Registries.Count > 0 ? string.Join(",", ns.Registries) : "-", null),
                    (detail.Length > 0 ? detail : "-", null));
            }
        }

        var text = new System.Text.StringBuilder(table.Count > 0 ? table.Render(colour) : "No namespace to show.\n");
        foreach (var cluster in report.Clusters)
        {
            if (!cluster.Reachable)
            {
                text.Append('\n').Append(TextTable.Safe($"cluster {cluster.Name} ({cluster.Region}) was not read: {cluster.Error}"));
            }
            else if (!cluster.OrphansChecked)
            {
                text.Append('\n').Append(TextTable.Safe($"cluster {cluster.Name} ({cluster.Region}): Secrets read one namespace at a time (no cluster-wide list allowed), so orphaned Secrets could not be looked for"));
            }
        }

        var counts = report.Counts;
        text.Append('\n').Append(
            $"{counts.Fresh} fresh, {counts.Expiring} expiring, {counts.Stale} stale, {counts.Missing} missing, {counts.Foreign} foreign, {counts.Orphaned} orphaned; " +
            $"{report.Clusters.Count(c => c.Reachable)} of {report.Clusters.Count} cluster(s) read at {Rfc3339.Format(report.ReadAt)}" +
            (report.Healthy ? "; all fresh" : string.Empty));
        return text.Append('\n').ToString();
    }

    /// <summary>The SGR colour of a verdict: green when fresh, yellow when expiring, red when stale or missing, magenta when foreign, cyan when orphaned.</summary>
    private static string Sgr(Verdict? verdict) => verdict switch
    {
        Verdict.Fresh => "32",
        Verdict.Expiring => "33",
        Verdict.Stale or Verdict.Missing => "31",
        Verdict.Foreign => "35",
        Verdict.Orphaned => "36",
        _ => "1;31",
    };
}
