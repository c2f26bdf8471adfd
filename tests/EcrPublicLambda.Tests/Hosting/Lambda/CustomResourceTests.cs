using System.Text.Json;
using EcrPublicLambda.Configuration;
using EcrPublicLambda.Fakes;
using EcrPublicLambda.Hosting.Lambda;
using EcrPublicLambda.Kubernetes;
using EcrPublicLambda.Refresh;

namespace EcrPublicLambda.Tests.Hosting.Lambda;

/// <summary>
/// CloudFormation custom-resource requests through the fake Runtime API, answered by PUT to a fake presigned S3 URL
/// on loopback. The engine is the host's run seam, recording what it was asked.
/// </summary>
[Collection(LambdaHostCollection.Name)]
public sealed class CustomResourceTests : IAsyncLifetime
{
    private readonly List<(Fleet Fleet, RefreshRequest Request, DateTimeOffset? Deadline)> runs = [];
    private FakeCloudFormationResponseUrl responseUrl = null!;

    public async Task InitializeAsync() => responseUrl = await FakeCloudFormationResponseUrl.StartAsync();

    public async Task DisposeAsync() => await responseUrl.DisposeAsync();

    private RefreshHandler Recording(Func<Fleet, RefreshRequest, RefreshReport> report) =>
        (fleet, request, deadline, _) =>
        {
            lock (runs)
            {
                runs.Add((fleet, request, deadline));
            }

            return Task.FromResult(report(fleet, request));
        };

    private static RefreshReport Report(RunStatus status, params ClusterReport[] clusters) =>
        new(status, false, null, 10, clusters);

    private static ClusterReport Cluster(string name, string region, RunStatus status, string? error, params SecretReport[] secrets) =>
        new(name, region, status, error, secrets, []);

    private void AssertNoCredentialIn(LambdaHarness host)
    {
        Assert.DoesNotContain(FakeCloudFormationResponseUrl.Signature, host.Out.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Amz-Credential", host.Out.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("cloudformation-custom-resource-response", host.Out.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(new Uri(responseUrl.Url).Authority, host.Out.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_refreshes_every_cluster_and_puts_SUCCESS_with_an_empty_content_type()
    {
        await using var host = await LambdaHarness.StartAsync(Recording((_, _) => TestData.Succeeded()));

        var outcome = await host.InvokeAsync(CustomResourceRequests.Build("Create", responseUrl.Url));
        var put = await responseUrl.Accepted.WaitAsync(LambdaHarness.Patience);

        var (fleet, request, deadline) = Assert.Single(runs);
        Assert.Equal(["prod-eu", "staging-us"], fleet.Clusters.Select(cluster => cluster.Name));
        Assert.Equal(["default", "monitoring"], fleet.Clusters[0].Namespaces);
        Assert.Empty(request.Clusters);
        Assert.Same(RunOperation.Refresh, request.Operation);
        Assert.False(request.DryRun);
        Assert.NotNull(deadline);

        Assert.Equal("PUT", put.Method);
        Assert.True(string.IsNullOrEmpty(put.ContentType), $"Content-Type was \"{put.ContentType}\"");
        Assert.Equal(put.Body.Length, put.ContentLength);
        var body = put.Json;
        Assert.Equal("SUCCESS", body.GetProperty("Status").GetString());
        Assert.Equal("refresh after deploy succeeded: 2 cluster(s)", body.GetProperty("Reason").GetString());
        Assert.Equal("Lifecycle-Lifecycle", body.GetProperty("PhysicalResourceId").GetString());
        Assert.Equal(CustomResourceRequests.StackId, body.GetProperty("StackId").GetString());
        Assert.Equal("5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a", body.GetProperty("RequestId").GetString());
        Assert.Equal("Lifecycle", body.GetProperty("LogicalResourceId").GetString());
        Assert.False(body.GetProperty("NoEcho").GetBoolean());
        Assert.Equal("succeeded", body.GetProperty("Data").GetProperty("Status").GetString());
        Assert.Equal("none", body.GetProperty("Data").GetProperty("FailedClusters").GetString());
        Assert.Equal(
            ["Status", "Reason", "PhysicalResourceId", "StackId", "RequestId", "LogicalResourceId", "NoEcho", "Data"],
            body.EnumerateObject().Select(property => property.Name));
        Assert.Single(responseUrl.Requests);

        // The invocation itself succeeds with the same answer; the refresh counts as a run (metrics line).
        Assert.False(outcome.IsError);
        Assert.Equal(put.Body, outcome.Body);
        Assert.Single(host.Out.Metrics);
        AssertNoCredentialIn(host);
    }

    [Fact]
    public async Task Create_with_failed_clusters_is_still_SUCCESS_naming_them_and_the_invocation_fails()
    {
        await using var host = await LambdaHarness.StartAsync(Recording((_, _) => TestData.Partial()));

        var outcome = await host.InvokeAsync(CustomResourceRequests.Build("Create", responseUrl.Url));
        var body = (await responseUrl.Accepted.WaitAsync(LambdaHarness.Patience)).Json;

        Assert.Equal("SUCCESS", body.GetProperty("Status").GetString());
        var reason = body.GetProperty("Reason").GetString()!;
        Assert.StartsWith("refresh after deploy partial: 2 cluster(s); failed clusters: prod-eu (eu-west-1), staging-us (us-east-1).", reason, StringComparison.Ordinal);
        Assert.Contains("The deploy goes on", reason, StringComparison.Ordinal);
        Assert.Equal("partial", body.GetProperty("Data").GetProperty("Status").GetString());
        Assert.Equal("prod-eu (eu-west-1), staging-us (us-east-1)", body.GetProperty("Data").GetProperty("FailedClusters").GetString());
        Assert.True(outcome.IsError);
        Assert.Equal("RefreshIncomplete", outcome.ErrorType);
        AssertNoCredentialIn(host);
    }

    [Fact]
    public async Task Update_of_CleanRemoved_cleans_the_removed_namespace_only_and_keeps_the_physical_id()
    {
        await using var host = await LambdaHarness.StartAsync(Recording((_, _) => Report(RunStatus.Succeeded,
            Cluster("prod-eu", "eu-west-1", RunStatus.Succeeded, null, new SecretReport("monitoring", SecretResult.Deleted, null))) with { Operation = RunOperation.Cleanup }));

        var outcome = await host.InvokeAsync(CustomResourceRequests.Build(
            "Update", responseUrl.Url, action: "CleanRemoved", fleet: CustomResourceRequests.MonitoringRemoved,
            oldFleet: CustomResourceRequests.TwoClusters, physicalResourceId: "CleanRemoved-CleanRemoved"));
        var body = (await responseUrl.Accepted.WaitAsync(LambdaHarness.Patience)).Json;

        var (fleet, request, _) = Assert.Single(runs);
        Assert.Same(RunOperation.Cleanup, request.Operation);
        Assert.Empty(request.Clusters);
        var cluster = Assert.Single(fleet.Clusters);
        Assert.Equal(("prod-eu", "eu-west-1"), (cluster.Name, cluster.Region));
        Assert.Equal(["monitoring"], cluster.Namespaces);
        Assert.Equal(["default"], cluster.ServiceAccounts);
        Assert.Equal("ecr-public-token", fleet.SecretName);

        Assert.Equal("SUCCESS", body.GetProperty("Status").GetString());
        Assert.Equal("CleanRemoved-CleanRemoved", body.GetProperty("PhysicalResourceId").GetString());
        Assert.Equal(
            "cleanup of what the fleet no longer lists (prod-eu (eu-west-1): monitoring (Secret ecr-public-token)): succeeded; nothing stayed",
            body.GetProperty("Reason").GetString());
        Assert.False(outcome.IsError);
        // A cleanup is no successful refresh for the missed-run alarm.
        Assert.False(Assert.Single(host.Out.Metrics).TryGetProperty("RunSucceeded", out _));
        Assert.Single(host.Out.Logs, line => line.GetProperty("eventId").GetInt32() == 406 && line.GetProperty("operation").GetString() == "cleanup" && line.GetProperty("level").GetString() == "INFO");
    }

    [Fact]
    public async Task Update_of_CleanRemoved_that_removes_nothing_runs_nothing()
    {
        await using var host = await LambdaHarness.StartAsync(Recording((_, _) => TestData.Succeeded()));

        var outcome = await host.InvokeAsync(CustomResourceRequests.Build(
            "Update", responseUrl.Url, action: "CleanRemoved", fleet: CustomResourceRequests.TwoClusters,
            oldFleet: CustomResourceRequests.MonitoringRemoved, physicalResourceId: "CleanRemoved-CleanRemoved"));
        var body = (await responseUrl.Accepted.WaitAsync(LambdaHarness.Patience)).Json;

        Assert.Empty(runs);
        Assert.Equal("SUCCESS", body.GetProperty("Status").GetString());
        Assert.Equal("nothing was removed from the fleet: nothing to clean", body.GetProperty("Reason").GetString());
        Assert.False(outcome.IsError);
    }

    [Fact]
    public async Task Delete_cleans_every_registered_namespace_and_names_what_stayed()
    {
        await using var host = await LambdaHarness.StartAsync(Recording((_, _) => Report(RunStatus.Partial,
            Cluster("prod-eu", "eu-west-1", RunStatus.Partial, null,
                new SecretReport("default", SecretResult.Deleted, null),
                new SecretReport("monitoring", SecretResult.Failed, "secrets \"ecr-public-token\" is forbidden")),
            Cluster("staging-us", "us-east-1", RunStatus.Failed, "DescribeCluster: AccessDeniedException")) with { Operation = RunOperation.Cleanup }));

        var outcome = await host.InvokeAsync(CustomResourceRequests.Build("Delete", responseUrl.Url, physicalResourceId: "Lifecycle-Lifecycle"));
        var body = (await responseUrl.Accepted.WaitAsync(LambdaHarness.Patience)).Json;

        var (fleet, request, _) = Assert.Single(runs);
        Assert.Same(RunOperation.Cleanup, request.Operation);
        Assert.Equal(["prod-eu", "staging-us"], fleet.Clusters.Select(cluster => cluster.Name));
        Assert.Equal("SUCCESS", body.GetProperty("Status").GetString());
        Assert.Equal("Lifecycle-Lifecycle", body.GetProperty("PhysicalResourceId").GetString());
        Assert.Equal(
            "cleanup of every registered namespace before the teardown: partial; these stayed (their Secrets expire within 12 hours; run `bootstrap cleanup` against them): "
                + "prod-eu (eu-west-1): monitoring; staging-us (us-east-1): every namespace (DescribeCluster: AccessDeniedException)",
            body.GetProperty("Reason").GetString());
        Assert.Equal("CleanupIncomplete", outcome.ErrorType);
        AssertNoCredentialIn(host);
    }

    [Fact]
    public async Task The_answer_stays_within_the_4096_bytes_CloudFormation_takes_however_much_failed()
    {
        var failed = Enumerable.Range(0, 300)
            .Select(i => Cluster($"cluster-with-a-rather-long-name-{i:000}", "ap-southeast-2", RunStatus.Failed, new string('x', 150) + " AccessDeniedException"))
            .ToArray();
        await using var host = await LambdaHarness.StartAsync(Recording((_, _) => Report(RunStatus.Failed, failed)));

        await host.InvokeAsync(CustomResourceRequests.Build("Delete", responseUrl.Url, physicalResourceId: "Lifecycle-Lifecycle"));
        var put = await responseUrl.Accepted.WaitAsync(LambdaHarness.Patience);

        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(put.Body), 1000, 4096);
        Assert.Equal("SUCCESS", put.Json.GetProperty("Status").GetString());
        Assert.EndsWith("...", put.Json.GetProperty("Reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_is_SUCCESS_even_when_the_cleanup_throws()
    {
        await using var host = await LambdaHarness.StartAsync((_, _, _, _) => throw new HttpRequestException("connection refused (eks.us-east-1.amazonaws.com:443)"));

        var outcome = await host.InvokeAsync(CustomResourceRequests.Build("Delete", responseUrl.Url, physicalResourceId: "Lifecycle-Lifecycle"));
        var body = (await responseUrl.Accepted.WaitAsync(LambdaHarness.Patience)).Json;

        Assert.Equal("SUCCESS", body.GetProperty("Status").GetString());
        Assert.Equal(
            "cleanup of every registered namespace before the teardown: did not run (connection refused (eks.us-east-1.amazonaws.com:443)); these stayed "
                + "(their Secrets expire within 12 hours; run `bootstrap cleanup` against them): prod-eu (eu-west-1): every namespace; staging-us (us-east-1): every namespace",
            body.GetProperty("Reason").GetString());
        Assert.Equal("error", body.GetProperty("Data").GetProperty("Status").GetString());
        Assert.True(outcome.IsError);
        Assert.Equal("HttpRequestException", outcome.ErrorType);
        AssertNoCredentialIn(host);
    }

    [Fact]
    public async Task Malformed_Create_is_FAILED_with_every_problem_and_nothing_runs()
    {
        await using var host = await LambdaHarness.StartAsync(Recording((_, _) => TestData.Succeeded()));

        var outcome = await host.InvokeAsync(CustomResourceRequests.Build("Create", responseUrl.Url, action: "Refresh", change: request =>
        {
            request["ResourceProperties"]!["Registry"] = """{"clusters":[{"name":"prod-eu","region":"Europe","namespaces":["default"]}]}""";
            request["ResourceProperties"]!["Extra"] = "x";
        }));
        var body = (await responseUrl.Accepted.WaitAsync(LambdaHarness.Patience)).Json;

        Assert.Empty(runs);
        Assert.Equal("FAILED", body.GetProperty("Status").GetString());
        var reason = body.GetProperty("Reason").GetString()!;
        Assert.StartsWith("malformed request: ", reason, StringComparison.Ordinal);
        Assert.Contains("ResourceProperties.Action: expected CleanRemoved or Lifecycle, got \"Refresh\"", reason, StringComparison.Ordinal);
        Assert.Contains("ResourceProperties.Registry: invalid fleet: clusters[0].region:", reason, StringComparison.Ordinal);
        Assert.Contains("\"ResourceProperties.Extra\": unknown property", reason, StringComparison.Ordinal);
        // The ids are echoed even from a malformed request, so CloudFormation takes the answer.
        Assert.Equal("Refresh", body.GetProperty("LogicalResourceId").GetString());
        Assert.Equal(CustomResourceRequests.StackId, body.GetProperty("StackId").GetString());
        Assert.Equal("InvalidPayload", outcome.ErrorType);
        AssertNoCredentialIn(host);
    }

    [Fact]
    public async Task Malformed_Delete_is_still_SUCCESS_so_the_stack_can_go()
    {
        await using var host = await LambdaHarness.StartAsync(Recording((_, _) => TestData.Succeeded()));

        await host.InvokeAsync(CustomResourceRequests.Build("Delete", responseUrl.Url, physicalResourceId: "Lifecycle-Lifecycle",
            change: request => request["ResourceProperties"]!.AsObject().Remove("Registry")));
        var body = (await responseUrl.Accepted.WaitAsync(LambdaHarness.Patience)).Json;

        Assert.Empty(runs);
        Assert.Equal("SUCCESS", body.GetProperty("Status").GetString());
        Assert.Equal("malformed Delete request, nothing was cleaned: ResourceProperties.Registry: missing", body.GetProperty("Reason").GetString());
        Assert.Equal("Lifecycle-Lifecycle", body.GetProperty("PhysicalResourceId").GetString());
    }

    [Fact]
    public async Task A_response_url_that_is_not_https_gets_no_request_and_the_invocation_names_it()
    {
        await using var host = await LambdaHarness.StartAsync(Recording((_, _) => TestData.Succeeded()));
        var plain = responseUrl.Url.Replace("127.0.0.1", "s3.example.com", StringComparison.Ordinal);

        var outcome = await host.InvokeAsync(CustomResourceRequests.Build("Create", plain));

        Assert.Empty(runs);
        Assert.Empty(responseUrl.Requests);
        Assert.Equal("InvalidPayload", outcome.ErrorType);
        Assert.Equal("ResponseURL: not an https URL (no answer can be sent)", outcome.ErrorMessage);
        Assert.DoesNotContain(FakeCloudFormationResponseUrl.Signature, outcome.Body, StringComparison.Ordinal);
        AssertNoCredentialIn(host);
    }

    [Fact]
    public async Task A_503_from_S3_is_retried_and_the_answer_arrives_once()
    {
        responseUrl.FailNext(1);
        await using var host = await LambdaHarness.StartAsync(Recording((_, _) => TestData.Succeeded()));

        var outcome = await host.InvokeAsync(CustomResourceRequests.Build("Update", responseUrl.Url, physicalResourceId: "Lifecycle-Lifecycle",
            oldFleet: CustomResourceRequests.MonitoringRemoved));
        await responseUrl.Accepted.WaitAsync(LambdaHarness.Patience);

        Assert.Equal([503, 200], responseUrl.Requests.Select(request => request.Status));
        Assert.False(outcome.IsError);
        Assert.Single(runs); // Update of Lifecycle: one refresh, of the new fleet
        Assert.Equal(["default", "monitoring"], runs[0].Fleet.Clusters[0].Namespaces);
        AssertNoCredentialIn(host);
    }

    [Fact]
    public async Task An_answer_S3_refuses_is_the_invocation_error_without_the_url()
    {
        await using var host = await LambdaHarness.StartAsync(Recording((_, _) => TestData.Succeeded()));
        var tampered = responseUrl.Url.Replace("X-Amz-Expires=7200", "X-Amz-Expires=9999", StringComparison.Ordinal);

        var outcome = await host.InvokeAsync(CustomResourceRequests.Build("Create", tampered));

        Assert.Equal([403], responseUrl.Requests.Select(request => request.Status));
        Assert.Equal(CustomResourceHandler.AnswerFailedErrorType, outcome.ErrorType);
        Assert.Equal("could not answer CloudFormation SUCCESS: the response URL answered 403 Forbidden", outcome.ErrorMessage);
        var logged = Assert.Single(host.Out.Logs, line => line.GetProperty("eventId").GetInt32() == 424);
        Assert.Equal("ERROR", logged.GetProperty("level").GetString());
        AssertNoCredentialIn(host);
    }

    [Fact]
    public async Task An_ordinary_payload_still_runs_as_before()
    {
        await using var host = await LambdaHarness.StartAsync(Recording((_, _) => TestData.Succeeded()));

        var outcome = await host.InvokeAsync("""{"clusters":["prod-eu"]}""");

        Assert.False(outcome.IsError);
        Assert.Equal(JsonValueKind.Object, outcome.Json.GetProperty("clusters")[0].ValueKind);
        Assert.Empty(responseUrl.Requests);
    }
}
