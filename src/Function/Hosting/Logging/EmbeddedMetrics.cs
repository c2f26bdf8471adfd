using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EcrPublicLambda.Configuration;
using EcrPublicLambda.Kubernetes;
using EcrPublicLambda.Refresh;
using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Hosting.Logging;

/// <summary>
/// The run's figures as one CloudWatch Embedded Metric Format line (namespace <c>EcrPublicLambda</c>, dimension
/// <c>FunctionName</c>). The metric names are a contract (<see cref="MetricNames"/>): the CDK alarms use them.
/// With Lambda's JSON log format, Lambda drops a line whose <c>level</c> is below the function's application log level,
/// and counts a line without a valid <c>level</c> and RFC 3339 <c>timestamp</c> as INFO. So the line carries both:
/// the timestamp, and as level the minimum that Lambda keeps (<c>AWS_LAMBDA_LOG_LEVEL</c>), so no setting filters it.
/// The run's operation names its Secrets metric (a refresh <see cref="MetricNames.SecretsWritten"/>, a cleanup
/// <see cref="MetricNames.SecretsDeleted"/>) and whether it reports <see cref="MetricNames.RunSucceeded"/>: that one
/// feeds the missed-refresh alarm, which only a refresh may quiet. A refresh also reports
/// <see cref="MetricNames.SecretsDeleted"/>: its sweep's deletions (namespaces that left the selection). A run whose operation measured Secrets of ours before
/// writing (a refresh) adds <see cref="MetricNames.OldestSecretAge"/>.
/// </summary>
internal static class EmbeddedMetrics
{
    /// <summary>Builds the EMF document for <paramref name="report"/> as one line of JSON, at level <paramref name="kept"/>.</summary>
    internal static string Build(RefreshReport report, string functionName, DateTimeOffset timestamp, LogLevel kept)
    {
        ArgumentNullException.ThrowIfNull(report);
        var secrets = report.Clusters.SelectMany(cluster => cluster.Secrets).ToList();
        var operation = report.Operation;
        (string Name, string Unit, long Value)[] all =
        [
            (operation.SecretsMetric, "Count", secrets.Count(s => operation.CountsInSecretsMetric(s.Result))),
            (MetricNames.SecretsDeleted, "Count", secrets.Count(s => s.Result == SecretResult.Deleted)),
            (MetricNames.SecretConflicts, "Count", secrets.Count(s => s.Result == SecretResult.Conflict)),
            (MetricNames.SecretFailures, "Count", secrets.Count(s => s.Result == SecretResult.Failed)),
            (MetricNames.ServiceAccountFailures, "Count", report.Clusters.SelectMany(cluster => cluster.ServiceAccounts).Count(a => a.Result == ServiceAccountResult.Failed)),
            (MetricNames.ClustersFailed, "Count", report.Clusters.Count(cluster => cluster.Status == RunStatus.Failed)),
            (MetricNames.ClustersIncomplete, "Count", report.Clusters.Count(cluster => cluster.Status != RunStatus.Succeeded)),
            (MetricNames.RunSucceeded, "Count", report.Status == RunStatus.Succeeded ? 1 : 0),
            (MetricNames.DurationMs, "Milliseconds", report.DurationMs),
        ];
        // The Secrets metric of a cleanup is SecretsDeleted already: once is enough.
        (string Name, string Unit, long Value)[] once = [.. all.DistinctBy(metric => metric.Name)];
        var metrics = operation.ReportsRunSucceeded ? once : [.. once.Where(metric => metric.Name != MetricNames.RunSucceeded)];
        if (operation.MeasuresOldestSecret && report.OldestSecretAgeSeconds is { } oldest)
        {
            metrics = [.. metrics, (MetricNames.OldestSecretAge, "Seconds", oldest)];
        }

        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", timestamp.UtcDateTime.ToString(JsonLogger.TimestampFormat, CultureInfo.InvariantCulture));
            json.WriteString("level", LogLevels.Name(kept));
            json.WriteStartObject("_aws");
            json.WriteNumber("Timestamp", timestamp.ToUnixTimeMilliseconds());
            json.WriteStartArray("CloudWatchMetrics");
            json.WriteStartObject();
            json.WriteString("Namespace", MetricNames.Namespace);
            json.WriteStartArray("Dimensions");
            json.WriteStartArray();
            json.WriteStringValue("FunctionName");
            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteStartArray("Metrics");
            foreach (var (name, unit, _) in metrics)
            {
                json.WriteStartObject();
                json.WriteString("Name", name);
                json.WriteString("Unit", unit);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteString("FunctionName", functionName);
            foreach (var (name, _, value) in metrics)
            {
                json.WriteNumber(name, value);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
