using System.Text.Json;
using System.Text.Json.Nodes;
using EcrPublicLambda.Fakes;
using EcrPublicLambda.Tests.Refresh;

namespace EcrPublicLambda.Tests.EndToEnd;

/// <summary>
/// The published Native AOT bootstrap under @vercel/fun (an independent Lambda Runtime API), against the in-process
/// AWS and Kubernetes fakes: what it writes, what it answers, and what it logs. Every run's captured output is
/// checked for secret values by <see cref="FunctionUnderTest.InvokeAsync"/>.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class LambdaEndToEndTests(PublishedBootstrap bootstrap)
{
    internal const string ScheduledEvent = """
        {"version":"0","id":"53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa","detail-type":"Scheduled Event","source":"aws.events",
         "account":"123456789012","time":"2026-11-26T08:00:00Z","region":"eu-west-1",
         "resources":["arn:aws:events:eu-west-1:123456789012:rule/ecr-public-refresh"],"detail":{}}
        """;

    internal const int HostReadyEvent = 400;
    internal const int InvocationReceivedEvent = 402;
    private const int DeadlineIgnoredEvent = 403;

    [Fact]
    public async Task Refreshes_every_cluster_and_serves_several_invocations_in_one_process()
    {
        await using var function = await FunctionUnderTest.StartAsync(bootstrap);

        var run = await function.InvokeAsync("{}", ScheduledEvent);

        Assert.All(run.Results, result => Assert.Equal((200, (string?)null), (result.StatusCode, result.FunctionError)));
        var (first, second) = (run.Results[0].Json, run.Results[1].Json);
        AssertReport(first, "succeeded", dryRun: false);
        Assert.Equal(
            ["alpha eu-west-1 succeeded: default=created monitoring=created; default/default=added monitoring/default=added", "beta us-west-2 succeeded: apps=created; ", "gamma us-east-2 succeeded: default=created; "],
            Clusters(first));
        Assert.Equal(
            ["alpha eu-west-1 succeeded: default=updated monitoring=updated; default/default=present monitoring/default=present", "beta us-west-2 succeeded: apps=updated; ", "gamma us-east-2 succeeded: default=updated; "],
            Clusters(second));

        FunctionUnderTest.AssertSecretWritten(function.AlphaServer, "default");
        FunctionUnderTest.AssertSecretWritten(function.AlphaServer, "monitoring");
        FunctionUnderTest.AssertSecretWritten(function.BetaServer, "apps");
        FunctionUnderTest.AssertSecretWritten(function.GammaServer, "default");
        Assert.Null(FunctionUnderTest.StoredSecret(function.AlphaServer, "kube-system"));
        Assert.Null(FunctionUnderTest.StoredSecret(function.BetaServer, "default"));
        Assert.Equal(["registry-mirror", FunctionUnderTest.SecretName], function.AlphaServer.PullSecretsOf("default", "default"));
        Assert.Equal([FunctionUnderTest.SecretName], function.AlphaServer.PullSecretsOf("monitoring", "default"));

        // One ECR Public token per run; beta and gamma found through DescribeCluster in their regions, gamma's role
        // assumed once for both runs (AWSSDK.SecurityToken under Native AOT); every AWS request signed with the
        // caller's keys, or gamma's DescribeCluster with the role's, and checked byte for byte by the fake.
        function.AssertRoleCredentialsAsExpected();
        Assert.Equal(2, function.Aws.Count(FakeAwsOperation.GetAuthorizationToken));
        Assert.Equal(1, function.Aws.Count(FakeAwsOperation.AssumeRole));
        Assert.Equal(
            ["beta us-west-2 " + FunctionUnderTest.Caller.AccessKeyId, "gamma us-east-2 " + FunctionUnderTest.RoleCredential.AccessKeyId],
            function.Aws.Requests.Where(r => r.Operation == FakeAwsOperation.DescribeCluster).Select(r => $"{r.Path["/clusters/".Length..]} {r.SigningRegion} {r.AccessKeyId}").Distinct().Order(StringComparer.Ordinal));
        Assert.All(function.Aws.Requests, request =>
        {
            Assert.Null(request.SignatureProblem);
            Assert.NotEqual(FakeAwsOperation.Unknown, request.Operation);
            Assert.Equal(request.Path == "/clusters/gamma" ? FunctionUnderTest.RoleCredential.AccessKeyId : FunctionUnderTest.Caller.AccessKeyId, request.AccessKeyId);
        });

        // The binary's real EKS bearer tokens were accepted by every API server (gamma's made with the role's keys).
        Assert.All(function.AlphaServer.Requests.Concat(function.BetaServer.Requests).Concat(function.GammaServer.Requests), request => Assert.Null(request.AuthenticationFailure));

        // Both invocations in one process, each with the 60 s fallback instead of fun's unbelievable 5000 ms "deadline".
        Assert.Single(run.Logs(HostReadyEvent));
        Assert.Equal(2, run.Logs(InvocationReceivedEvent).Count);
        Assert.All(run.Logs(DeadlineIgnoredEvent), line => Assert.Equal(("5000", 60), (line.GetProperty("deadlineHeader").GetString(), line.GetProperty("fallbackSeconds").GetInt64())));
        Assert.Equal(2, run.Logs(DeadlineIgnoredEvent).Count);
        Assert.Equal([4, 4], run.Metrics.Select(m => m.GetProperty("SecretsWritten").GetInt32()));
    }

    [Fact]
    public async Task Namespace_patterns_are_resolved_from_one_namespace_list_by_the_published_binary()
    {
        await using var function = await FunctionUnderTest.StartAsync(bootstrap, "d*", "mon*");

        var run = await function.InvokeAsync("{}");

        var report = Assert.Single(run.Results).Json;
        AssertReport(report, "succeeded", dryRun: false);
        Assert.Equal("alpha eu-west-1 succeeded: default=created monitoring=created; default/default=added monitoring/default=added", Clusters(report)[0]);
        Assert.Single(function.AlphaServer.Requests, r => r.Method == "GET" && r.Path == "/api/v1/namespaces" && r.StatusCode == 200);
        Assert.Null(FunctionUnderTest.StoredSecret(function.AlphaServer, "kube-system"));
    }

    [Fact]
    public async Task Every_registry_is_written_and_a_malformed_or_denied_secret_fails_its_registry_keeping_its_entry_with_no_credential_in_any_output()
    {
        await using var function = await FunctionUnderTest.StartWithRegistriesAsync(bootstrap);

        var written = await function.InvokeAsync("{}");

        Assert.Equal((200, (string?)null), (written.Results[0].StatusCode, written.Results[0].FunctionError));
        AssertReport(written.Results[0].Json, "succeeded", dryRun: false);
        function.AssertSecretWrittenWithRegistries(function.AlphaServer, "default");
        function.AssertSecretWrittenWithRegistries(function.BetaServer, "apps");
        function.AssertSecretWrittenWithRegistries(function.GammaServer, "default");

        // A SecretString that holds the password but is no login, then a secret the function may not read: each run fails
        // the Docker Hub registry alone, names it, and keeps its entry (no expiry) as it was.
        function.Aws.AddSecret(WorldRegistries.DockerHubArn, new JsonObject { ["username"] = "octo-cat", ["pass"] = WorldRegistries.RotatedPassword }.ToJsonString());
        var malformed = await function.InvokeAsync("{}");
        function.Aws.AddSecret(WorldRegistries.DockerHubArn, WorldRegistries.Login(WorldRegistries.RotatedPassword), readerRoleArn: "arn:aws:iam::123456789012:role/someone-else");
        var denied = await function.InvokeAsync("{}");

        foreach (var (run, cause) in new[] { (malformed, "is not a JSON object"), (denied, "AccessDeniedException") })
        {
            var result = AssertError(Assert.Single(run.Results), "Handled", "RefreshIncomplete");
            Assert.StartsWith("refresh partial (3 cluster(s)): alpha (eu-west-1) default: secret updated: written without fresh credentials for registry \"docker-hub\"", result.ErrorMessage, StringComparison.Ordinal);
            Assert.Contains(cause, run.AllOutput, StringComparison.Ordinal);
            function.AssertSecretWrittenWithRegistries(function.AlphaServer, "monitoring");
            function.AssertSecretWrittenWithRegistries(function.GammaServer, "default");
        }
    }

    [Fact]
    public async Task A_missing_namespace_fails_only_itself_and_ends_the_invocation_as_RefreshIncomplete()
    {
        await using var function = await FunctionUnderTest.StartAsync(bootstrap, "default", "absent");

        var run = await function.InvokeAsync("{}");

        var result = AssertError(Assert.Single(run.Results), "Handled", "RefreshIncomplete");
        Assert.StartsWith("refresh partial (3 cluster(s)): alpha (eu-west-1) absent: secret failed: ", result.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("not found", result.ErrorMessage, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("beta", result.ErrorMessage, StringComparison.Ordinal);

        FunctionUnderTest.AssertSecretWritten(function.AlphaServer, "default");
        FunctionUnderTest.AssertSecretWritten(function.BetaServer, "apps");
        FunctionUnderTest.AssertSecretWritten(function.GammaServer, "default");
        Assert.False(function.AlphaServer.Store.HasNamespace("absent"));

        // The report still reaches the logs: a summary line, and one line per cluster with the failure itemized.
        Assert.Equal(("partial", 3), (Assert.Single(run.Logs(406)).GetProperty("status").GetString(), Assert.Single(run.Logs(406)).GetProperty("clusterCount").GetInt32()));
        var clusters = run.Logs(410).Select(line => line.GetProperty("report")).ToList();
        Assert.Equal(["alpha", "beta", "gamma"], clusters.Select(c => c.GetProperty("name").GetString()));
        Assert.Equal("alpha eu-west-1 partial: default=created absent=failed; default/default=added absent/default=skipped", Cluster(clusters[0]));
    }

    [Fact]
    public async Task An_invalid_payload_is_an_InvalidPayload_error_and_sends_nothing()
    {
        await using var function = await FunctionUnderTest.StartAsync(bootstrap);

        var run = await function.InvokeAsync("""{"clusters":["delta"]}""", """{"clusters":["alpha"],"dryrun":true}""", "[1]", "{");

        Assert.All(run.Results, result => AssertError(result, "Handled", "InvalidPayload"));
        Assert.Contains("clusters[0]: unknown cluster \"delta\" (registered: alpha, beta, gamma)", run.Results[0].ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("\"dryrun\": unknown field", run.Results[1].ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("expected a JSON object, got an array", run.Results[2].ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", run.Results[3].ErrorMessage, StringComparison.Ordinal);

        Assert.Empty(function.Aws.Requests);
        Assert.Empty(function.AlphaServer.Requests);
        Assert.Empty(function.BetaServer.Requests);
        Assert.Empty(function.GammaServer.Requests);
        Assert.Single(run.Logs(HostReadyEvent));
    }

    [Fact]
    public async Task A_dry_run_persists_nothing_and_a_later_invocation_writes_for_real()
    {
        await using var function = await FunctionUnderTest.StartAsync(bootstrap);

        var run = await function.InvokeAsync("""{"dryRun":true}""", """{"clusters":["beta"]}""");

        Assert.All(run.Results, result => Assert.Equal((200, (string?)null), (result.StatusCode, result.FunctionError)));
        var dry = run.Results[0].Json;
        AssertReport(dry, "succeeded", dryRun: true);
        Assert.Equal(
            ["alpha eu-west-1 succeeded: default=created monitoring=created; default/default=added monitoring/default=added", "beta us-west-2 succeeded: apps=created; ", "gamma us-east-2 succeeded: default=created; "],
            Clusters(dry));

        // Every write of the dry run asked the servers for dryRun=All, and none of them kept anything.
        var dryWrites = function.AlphaServer.Requests.Concat(function.GammaServer.Requests).Where(r => r.Method is "POST" or "PUT" or "PATCH").ToList();
        Assert.Equal(3, dryWrites.Count(r => r.Path.Contains("/secrets/", StringComparison.Ordinal)));
        Assert.All(dryWrites, write => Assert.True(write.DryRun, write.ToString()));
        Assert.Null(FunctionUnderTest.StoredSecret(function.AlphaServer, "default"));
        Assert.Null(FunctionUnderTest.StoredSecret(function.AlphaServer, "monitoring"));
        Assert.Null(FunctionUnderTest.StoredSecret(function.GammaServer, "default"));
        Assert.Equal(["registry-mirror"], function.AlphaServer.PullSecretsOf("default", "default"));
        Assert.Empty(function.AlphaServer.PullSecretsOf("monitoring", "default"));

        // The second invocation, for beta only, wrote for real.
        var real = run.Results[1].Json;
        AssertReport(real, "succeeded", dryRun: false);
        Assert.Equal(["beta us-west-2 succeeded: apps=created; "], Clusters(real));
        FunctionUnderTest.AssertSecretWritten(function.BetaServer, "apps");
        Assert.Equal(2, function.Aws.Count(FakeAwsOperation.GetAuthorizationToken));
        Assert.Single(run.Logs(HostReadyEvent));
    }

    [Fact]
    public async Task A_cleanup_removes_what_a_refresh_wrote_a_dry_run_first_keeps_it_and_a_second_finds_it_absent()
    {
        await using var function = await FunctionUnderTest.StartAsync(bootstrap, "d*", "mon*");

        var run = await function.InvokeAsync("{}", """{"cleanup":true,"dryRun":true}""", """{"cleanup":true}""", """{"cleanup":true,"clusters":["alpha"]}""");

        Assert.All(run.Results, result => Assert.Equal((200, (string?)null), (result.StatusCode, result.FunctionError)));
        var (dry, cleanup, again) = (run.Results[1].Json, run.Results[2].Json, run.Results[3].Json);
        foreach (var report in new[] { dry, cleanup, again })
        {
            // A cleanup measures no Secret age: the field a refresh fills is null here.
            Assert.Equal(["operation", "status", "dryRun", "tokenExpiresAt", "durationMs", "clusters"],
                report.EnumerateObject().Select(p => p.Name).Where(name => name != "oldestSecretAgeSeconds"));
            Assert.True(!report.TryGetProperty("oldestSecretAgeSeconds", out var oldest) || oldest.ValueKind == JsonValueKind.Null);
            Assert.Equal("cleanup", report.GetProperty("operation").GetString());
            Assert.Equal(JsonValueKind.Null, report.GetProperty("tokenExpiresAt").ValueKind);
        }

        string[] removed = ["alpha eu-west-1 succeeded: default=deleted monitoring=deleted; default/default=removed monitoring/default=removed", "beta us-west-2 succeeded: apps=deleted; ", "gamma us-east-2 succeeded: default=deleted; "];
        Assert.Equal(removed, Clusters(dry));
        Assert.Equal(removed, Clusters(cleanup));
        Assert.Equal(["alpha eu-west-1 succeeded: default=absent monitoring=absent; default/default=absent monitoring/default=absent"], Clusters(again));

        // The published binary read each Secret's managedFields, deleted it with preconditions, and kept the other pull secret.
        Assert.Null(FunctionUnderTest.StoredSecret(function.AlphaServer, "default"));
        Assert.Null(FunctionUnderTest.StoredSecret(function.AlphaServer, "monitoring"));
        Assert.Null(FunctionUnderTest.StoredSecret(function.BetaServer, "apps"));
        Assert.Null(FunctionUnderTest.StoredSecret(function.GammaServer, "default"));
        Assert.Equal(["registry-mirror"], function.AlphaServer.PullSecretsOf("default", "default"));
        Assert.Empty(function.AlphaServer.PullSecretsOf("monitoring", "default"));
        Assert.Equal(4, function.AlphaServer.Requests.Count(r => r.Method == "DELETE"));
        // The dry run's DELETEs carried dryRun in their DeleteOptions body, where the API server reads it when there is a body.
        Assert.Equal(2, function.AlphaServer.Requests.Count(r => r.Method == "DELETE" && r.DryRun && r.Query.Length == 0));

        // No registry login for a cleanup; its metrics never count as a successful refresh.
        Assert.Equal(1, function.Aws.Count(FakeAwsOperation.GetAuthorizationToken));
        Assert.Equal([true, false, false, false], run.Metrics.Select(m => m.TryGetProperty("RunSucceeded", out _)));
        Assert.Equal([4, 0], run.Metrics.Skip(2).Select(m => m.GetProperty("SecretsDeleted").GetInt32()));
    }

    [Fact]
    public async Task An_invalid_fleet_is_an_init_error_naming_every_problem_and_sends_nothing()
    {
        await using var function = await FunctionUnderTest.StartAsync(bootstrap);
        function.ReplaceFleet("""{"clusters":[{"name":"alpha","region":"eu-west-1","namespaces":["Default"],"namespace":["x"]}]}""");

        var run = await function.InvokeAsync("{}");

        var result = AssertError(Assert.Single(run.Results), "Unhandled", "InvalidConfiguration");
        Assert.Contains("clusters[0].namespaces[0]: \"Default\" is not a valid namespace name", result.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("clusters[0].namespace:", result.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(function.TaskDirectory, "clusters.json"), result.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(function.Aws.Requests);
        Assert.Empty(function.AlphaServer.Requests);
        Assert.Empty(run.Logs(HostReadyEvent));
    }

    /// <summary>Fails unless <paramref name="result"/> is a function error of this kind (fun answers 200 either way); gives it back.</summary>
    private static FunResult AssertError(FunResult result, string functionError, string errorType)
    {
        Assert.Equal((200, functionError), (result.StatusCode, result.FunctionError));
        Assert.Equal(errorType, result.ErrorType);
        return result;
    }

    private static void AssertReport(JsonElement report, string status, bool dryRun)
    {
        // oldestSecretAgeSeconds is there when the run found Secrets of ours before writing (docs/report.md).
        Assert.Equal(["operation", "status", "dryRun", "tokenExpiresAt", "durationMs", "clusters"],
            report.EnumerateObject().Select(p => p.Name).Where(name => name != "oldestSecretAgeSeconds"));
        if (report.TryGetProperty("oldestSecretAgeSeconds", out var oldest) && oldest.ValueKind != JsonValueKind.Null)
        {
            Assert.True(oldest.GetInt64() >= 0, $"oldestSecretAgeSeconds {oldest} is negative");
        }

        Assert.Equal("refresh", report.GetProperty("operation").GetString());
        Assert.Equal(status, report.GetProperty("status").GetString());
        Assert.Equal(dryRun, report.GetProperty("dryRun").GetBoolean());
        Assert.Equal("2026-11-26T11:59:59Z", report.GetProperty("tokenExpiresAt").GetString());
        Assert.True(report.GetProperty("durationMs").GetInt64() >= 0);
    }

    /// <summary>Each cluster of a report in one line: name, region, status, then secret and service-account results.</summary>
    private static List<string> Clusters(JsonElement report) =>
        [.. report.GetProperty("clusters").EnumerateArray().Select(Cluster)];

    private static string Cluster(JsonElement cluster) =>
        $"{cluster.GetProperty("name").GetString()} {cluster.GetProperty("region").GetString()} {cluster.GetProperty("status").GetString()}: "
        + string.Join(' ', cluster.GetProperty("secrets").EnumerateArray().Select(s => $"{s.GetProperty("namespace").GetString()}={s.GetProperty("result").GetString()}"))
        + "; "
        + string.Join(' ', cluster.GetProperty("serviceAccounts").EnumerateArray().Select(a => $"{a.GetProperty("namespace").GetString()}/{a.GetProperty("name").GetString()}={a.GetProperty("result").GetString()}"));
}
