using System.Text.Json;
using EcrPublicLambda.Configuration;
using EcrPublicLambda.Hosting;
using EcrPublicLambda.Kubernetes;
using EcrPublicLambda.Refresh;

namespace EcrPublicLambda.Tests.Refresh;

public sealed class RunOperationTests
{
    [Fact]
    public void A_refresh_is_done_when_the_Secret_is_written_and_the_service_accounts_list_it()
    {
        var refresh = RunOperation.Refresh;

        Assert.Equal([SecretResult.Created, SecretResult.Updated], Enum.GetValues<SecretResult>().Where(refresh.IsDone));
        Assert.Equal([ServiceAccountResult.Added, ServiceAccountResult.Present], Enum.GetValues<ServiceAccountResult>().Where(refresh.IsDone));
        Assert.True(refresh.NeedsRegistryLogin);
    }

    [Fact]
    public void A_cleanup_is_done_when_the_Secret_is_gone_and_no_service_account_lists_it()
    {
        var cleanup = RunOperation.Cleanup;

        Assert.Equal([SecretResult.Deleted, SecretResult.Absent], Enum.GetValues<SecretResult>().Where(cleanup.IsDone));
        Assert.Equal([ServiceAccountResult.Removed, ServiceAccountResult.Absent], Enum.GetValues<ServiceAccountResult>().Where(cleanup.IsDone));
        Assert.False(cleanup.NeedsRegistryLogin);
    }

    [Fact]
    public void Only_a_refresh_reports_RunSucceeded_and_each_operation_counts_its_own_Secrets()
    {
        Assert.Equal(
            [("refresh", MetricNames.SecretsWritten, true, "RefreshIncomplete"), ("cleanup", MetricNames.SecretsDeleted, false, "CleanupIncomplete")],
            RunOperation.All.Select(operation => (operation.Name, operation.SecretsMetric, operation.ReportsRunSucceeded, operation.IncompleteErrorType)));
        Assert.Equal([SecretResult.Created, SecretResult.Updated], Enum.GetValues<SecretResult>().Where(RunOperation.Refresh.CountsInSecretsMetric));
        Assert.Equal([SecretResult.Deleted], Enum.GetValues<SecretResult>().Where(RunOperation.Cleanup.CountsInSecretsMetric));
    }

    [Fact]
    public void The_report_names_its_operation_first_and_by_name()
    {
        var report = new RefreshReport(RunStatus.Succeeded, DryRun: false, TokenExpiresAt: null, DurationMs: 1, []) { Operation = RunOperation.Cleanup };

        var json = JsonSerializer.Serialize(report, JsonContext.Relaxed.RefreshReport);

        Assert.StartsWith("""{"operation":"cleanup",""", json, StringComparison.Ordinal);
        Assert.Same(RunOperation.Cleanup, JsonSerializer.Deserialize(json, JsonContext.Relaxed.RefreshReport)!.Operation);
    }

    [Fact]
    public void An_unknown_operation_name_is_refused_naming_the_known_ones()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"operation":"sweep!","status":"succeeded","dryRun":false,"durationMs":1,"clusters":[]}""", JsonContext.Relaxed.RefreshReport));

        Assert.Contains("operation: expected one of \"refresh\", \"cleanup\"", error.Message, StringComparison.Ordinal);
    }
}
