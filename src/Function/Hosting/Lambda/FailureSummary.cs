using System.Text;
using EcrPublicLambda.Common;
using EcrPublicLambda.Kubernetes;
using EcrPublicLambda.Refresh;

namespace EcrPublicLambda.Hosting.Lambda;

/// <summary>
/// The <c>errorMessage</c> of a run's <c>RefreshIncomplete</c> (or <c>CleanupIncomplete</c>, as its operation says) function error: the run's status
/// and what did not succeed, cluster by cluster (cluster, namespace, service account, and the error; a Secret written
/// without a registry that failed names that registry), bounded in length.
/// </summary>
internal static class FailureSummary
{
    /// <summary>The <c>errorType</c> of a run that did not succeed: its operation's (<c>RefreshIncomplete</c>, <c>CleanupIncomplete</c>).</summary>
    internal static string ErrorTypeOf(RefreshReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Operation.IncompleteErrorType;
    }

    internal static string Describe(RefreshReport report, int maxLength = ErrorText.DefaultMaxLength)
    {
        ArgumentNullException.ThrowIfNull(report);
        var items = new List<string>();
        var skipped = 0;
        foreach (var cluster in report.Clusters)
        {
            var where = $"{cluster.Name} ({cluster.Region})";
            if (cluster.Error is not null || (cluster.Status == RunStatus.Failed && cluster.Secrets.Count == 0))
            {
                items.Add($"{where}: {Reason(cluster.Error)}");
            }

            foreach (var secret in cluster.Secrets)
            {
                switch (secret.Result)
                {
                    case SecretResult.Failed:
                        items.Add($"{where} {secret.Namespace}: secret failed: {Reason(secret.Error)}");
                        break;
                    case SecretResult.Conflict:
                        items.Add($"{where} {secret.Namespace}: secret conflict: {Reason(secret.Error)}");
                        break;
                    case SecretResult.Skipped:
                        skipped++;
                        break;

                    // Written without a registry that could not be fetched (issue 18): the namespace still failed for it.
                    case SecretResult.Created or SecretResult.Updated when secret.Error is not null:
                        items.Add($"{where} {secret.Namespace}: secret {(secret.Result == SecretResult.Created ? "created" : "updated")}: {Reason(secret.Error)}");
                        break;
                }
            }

            foreach (var account in cluster.ServiceAccounts)
            {
                switch (account.Result)
                {
                    case ServiceAccountResult.Failed:
                        items.Add($"{where} {account.Namespace}/{account.Name}: service account failed: {Reason(account.Error)}");
                        break;
                    case ServiceAccountResult.Skipped:
                        skipped++;
                        break;
                }
            }
        }

        if (skipped > 0)
        {
            items.Add($"{skipped} item(s) skipped (not started before the deadline, or their Secret was not {report.Operation.SecretStep})");
        }

        return Join($"{report.Operation.Name} {StatusName(report.Status)} ({report.Clusters.Count} cluster(s)): ", items, maxLength);
    }

    private static string Join(string head, List<string> items, int maxLength)
    {
        var text = new StringBuilder(head);
        for (var i = 0; i < items.Count; i++)
        {
            var separator = i == 0 ? string.Empty : "; ";
            var rest = items.Count - i - 1;
            var tail = rest > 0 ? $"; ... {rest} more" : string.Empty;
            if (text.Length + separator.Length + items[i].Length + tail.Length > maxLength)
            {
                text.Append(separator).Append($"... {items.Count - i} more");
                break;
            }

            text.Append(separator).Append(items[i]);
        }

        if (items.Count == 0)
        {
            text.Append("no failure was itemized");
        }

        return ErrorText.Truncate(text.ToString(), maxLength);
    }

    private static string Reason(string? error) => error is null ? "(no detail)" : ErrorText.Sanitize(error, 200);

    internal static string StatusName(RunStatus status) => status switch
    {
        RunStatus.Succeeded => "succeeded",
        RunStatus.Partial => "partial",
        _ => "failed",
    };
}
