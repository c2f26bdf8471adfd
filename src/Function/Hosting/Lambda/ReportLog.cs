using System.Text.Json;
using EcrPublicLambda.Hosting.Logging;
using EcrPublicLambda.Refresh;
using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Hosting.Lambda;

/// <summary>
/// Logs a run's report at fleet size: one line per cluster (event 410, the cluster's part of the report as a nested
/// object) and one summary line (event 406, its operation a field), each far below CloudWatch Logs' 256 KB event limit. A cluster whose entries
/// would not fit one line (thousands of namespaces) is logged in parts, each with whole namespaces.
/// </summary>
internal static class ReportLog
{
    /// <summary>The most JSON one line carries for a cluster; with the line's other fields it stays under 16 KB.</summary>
    internal const int MaxClusterJsonBytes = 12 * 1024;

    internal static void Write(ILogger logger, RefreshReport report)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(report);
        foreach (var cluster in report.Clusters)
        {
            var level = cluster.Status == RunStatus.Succeeded ? LogLevel.Information : LogLevel.Error;
            var parts = Split(cluster);
            for (var i = 0; i < parts.Count; i++)
            {
                logger.ClusterReport(level, cluster.Name, cluster.Region, FailureSummary.StatusName(cluster.Status), i + 1, parts.Count, new RawJson(parts[i]));
            }
        }

        logger.RunReport(
            report.Status == RunStatus.Succeeded ? LogLevel.Information : LogLevel.Error,
            report.Operation.Name,
            FailureSummary.StatusName(report.Status),
            report.DurationMs,
            report.Clusters.Count,
            report.Clusters.Count(c => c.Status == RunStatus.Succeeded),
            report.Clusters.Count(c => c.Status == RunStatus.Partial),
            report.Clusters.Count(c => c.Status == RunStatus.Failed),
            report.DryRun);
    }

    /// <summary>The cluster's report as one JSON document, or as several (same cluster, whole namespaces each) when too large.</summary>
    internal static IReadOnlyList<string> Split(ClusterReport cluster)
    {
        var whole = Serialize(cluster);
        if (whole.Length <= MaxClusterJsonBytes)
        {
            return [whole];
        }

        // Whole namespaces per part: a namespace's Secret and its service accounts stay together.
        var accounts = cluster.ServiceAccounts.ToLookup(a => a.Namespace, StringComparer.Ordinal);
        var empty = Serialize(cluster with { Secrets = [], ServiceAccounts = [] }).Length;
        var parts = new List<string>();
        var secrets = new List<SecretReport>();
        var secretAccounts = new List<ServiceAccountReport>();
        var size = empty;
        foreach (var secret in cluster.Secrets)
        {
            var own = accounts[secret.Namespace].ToList();
            var entry = Size(secret, own);
            if (secrets.Count > 0 && size + entry > MaxClusterJsonBytes)
            {
                parts.Add(Serialize(cluster with { Secrets = [.. secrets], ServiceAccounts = [.. secretAccounts] }));
                (secrets, secretAccounts, size) = ([], [], empty);
            }

            secrets.Add(secret);
            secretAccounts.AddRange(own);
            size += entry;
        }

        // Service accounts of namespaces without a Secret entry (none today) still get reported.
        var listed = cluster.Secrets.Select(s => s.Namespace).ToHashSet(StringComparer.Ordinal);
        secretAccounts.AddRange(cluster.ServiceAccounts.Where(a => !listed.Contains(a.Namespace)));
        parts.Add(Serialize(cluster with { Secrets = [.. secrets], ServiceAccounts = [.. secretAccounts] }));
        return parts;
    }

    private static int Size(SecretReport secret, List<ServiceAccountReport> accounts) =>
        JsonSerializer.SerializeToUtf8Bytes(secret, JsonContext.Relaxed.SecretReport).Length + 1
        + accounts.Sum(a => JsonSerializer.SerializeToUtf8Bytes(a, JsonContext.Relaxed.ServiceAccountReport).Length + 1);

    private static string Serialize(ClusterReport cluster) => JsonSerializer.Serialize(cluster, JsonContext.Relaxed.ClusterReport);
}
