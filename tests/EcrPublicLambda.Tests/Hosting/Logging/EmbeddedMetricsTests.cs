using EcrPublicLambda.Hosting.Logging;
using EcrPublicLambda.Kubernetes;
using EcrPublicLambda.Refresh;
using EcrPublicLambda.Tests.Hosting.Lambda;
using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Tests.Hosting.Logging;

public sealed class EmbeddedMetricsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_document_has_the_EMF_shape_and_the_metric_names_the_alarms_use()
    {
        var line = EmbeddedMetrics.Build(TestData.Partial(), "ecr-public-refresh", At, LogLevel.Warning);

        Assert.DoesNotContain('\n', line);
        Assert.Equal(
            """{"timestamp":"2026-11-26T12:00:00.000Z","level":"WARN","_aws":{"Timestamp":1795694400000,"CloudWatchMetrics":[{"Namespace":"EcrPublicLambda","Dimensions":[["FunctionName"]],"Metrics":[""" +
            """{"Name":"SecretsWritten","Unit":"Count"},{"Name":"SecretsDeleted","Unit":"Count"},{"Name":"SecretConflicts","Unit":"Count"},{"Name":"SecretFailures","Unit":"Count"},""" +
            """{"Name":"ServiceAccountFailures","Unit":"Count"},{"Name":"ClustersFailed","Unit":"Count"},{"Name":"ClustersIncomplete","Unit":"Count"},{"Name":"RunSucceeded","Unit":"Count"},""" +
            """{"Name":"DurationMs","Unit":"Milliseconds"}""" +
            """]}]},"FunctionName":"ecr-public-refresh","SecretsWritten":1,"SecretsDeleted":0,"SecretConflicts":0,"SecretFailures":1,"ServiceAccountFailures":1,"ClustersFailed":1,"ClustersIncomplete":2,"RunSucceeded":0,"DurationMs":1234}""",
            line);
    }

    [Fact]
    public void A_succeeded_run_counts_created_and_updated_as_written()
    {
        var report = TestData.Succeeded() with
        {
            Clusters =
            [
                .. TestData.Succeeded().Clusters,
                new ClusterReport("dev", "eu-west-1", RunStatus.Succeeded, null,
                    [new SecretReport("a", SecretResult.Conflict, "not managed by ecr-public-lambda"), new SecretReport("b", SecretResult.Skipped, null)], []),
            ],
        };

        var document = System.Text.Json.JsonDocument.Parse(EmbeddedMetrics.Build(report, "f", At, LogLevel.Information)).RootElement;

        Assert.Equal(3, document.GetProperty("SecretsWritten").GetInt32());
        Assert.Equal(1, document.GetProperty("SecretConflicts").GetInt32());
        Assert.Equal(0, document.GetProperty("SecretFailures").GetInt32());
        Assert.Equal(0, document.GetProperty("ClustersFailed").GetInt32());
        Assert.Equal(0, document.GetProperty("ClustersIncomplete").GetInt32());
        Assert.Equal(1, document.GetProperty("RunSucceeded").GetInt32());
        Assert.Equal(412, document.GetProperty("DurationMs").GetInt32());
    }

    [Fact]
    public void A_cleanup_counts_deleted_Secrets_and_never_emits_RunSucceeded()
    {
        var report = new RefreshReport(
            RunStatus.Succeeded,
            DryRun: false,
            TokenExpiresAt: null,
            DurationMs: 77,
            [
                new ClusterReport("prod-eu", "eu-west-1", RunStatus.Succeeded, null,
                    [new SecretReport("a", SecretResult.Deleted, null), new SecretReport("b", SecretResult.Absent, null), new SecretReport("c", SecretResult.Deleted, null)],
                    [new ServiceAccountReport("a", "default", ServiceAccountResult.Removed, null)]),
            ])
        { Operation = RunOperation.Cleanup };

        var line = EmbeddedMetrics.Build(report, "f", At, LogLevel.Information);

        Assert.Equal(
            """{"timestamp":"2026-11-26T12:00:00.000Z","level":"INFO","_aws":{"Timestamp":1795694400000,"CloudWatchMetrics":[{"Namespace":"EcrPublicLambda","Dimensions":[["FunctionName"]],"Metrics":[""" +
            """{"Name":"SecretsDeleted","Unit":"Count"},{"Name":"SecretConflicts","Unit":"Count"},{"Name":"SecretFailures","Unit":"Count"},""" +
            """{"Name":"ServiceAccountFailures","Unit":"Count"},{"Name":"ClustersFailed","Unit":"Count"},{"Name":"ClustersIncomplete","Unit":"Count"},{"Name":"DurationMs","Unit":"Milliseconds"}""" +
            """]}]},"FunctionName":"f","SecretsDeleted":2,"SecretConflicts":0,"SecretFailures":0,"ServiceAccountFailures":0,"ClustersFailed":0,"ClustersIncomplete":0,"DurationMs":77}""",
            line);
    }

    [Fact]
    public void A_refresh_that_found_our_secrets_reports_the_oldest_age_in_seconds()
    {
        var report = TestData.Partial() with { OldestSecretAgeSeconds = 25_200 };

        var document = System.Text.Json.JsonDocument.Parse(EmbeddedMetrics.Build(report, "f", At, LogLevel.Information)).RootElement;

        Assert.Equal(25_200, document.GetProperty("OldestSecretAge").GetInt64());
        Assert.Contains(
            document.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Metrics").EnumerateArray(),
            metric => metric.GetProperty("Name").GetString() == "OldestSecretAge" && metric.GetProperty("Unit").GetString() == "Seconds");
    }

    [Fact]
    public void A_refresh_that_found_none_of_our_secrets_has_no_oldest_age_metric()
    {
        var document = System.Text.Json.JsonDocument.Parse(EmbeddedMetrics.Build(TestData.Partial(), "f", At, LogLevel.Information)).RootElement;

        Assert.False(document.TryGetProperty("OldestSecretAge", out _));
    }

    [Fact]
    public void A_cleanup_report_has_no_oldest_age_metric_even_with_a_figure()
    {
        var report = TestData.Partial() with { Operation = RunOperation.Cleanup, OldestSecretAgeSeconds = 25_200 };

        var document = System.Text.Json.JsonDocument.Parse(EmbeddedMetrics.Build(report, "f", At, LogLevel.Information)).RootElement;

        Assert.False(document.TryGetProperty("OldestSecretAge", out _));
    }
}
