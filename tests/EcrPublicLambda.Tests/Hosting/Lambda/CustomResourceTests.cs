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
    public async Task Create_with_failed_clusters_is_still_SUCCESS_naming_them_and_the_invocation_succeeds_with_the_failure_in_the_metric()
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

        // Delivered: no function error, so no failure record (with the ResponseURL) for the on-failure queue; the alarm's metric counts both.
        Assert.False(outcome.IsError);
        Assert.Equal(2, Assert.Single(host.Out.Metrics).GetProperty("ClustersIncomplete").GetInt32());
        AssertNoCredentialIn(host);
    }

    [Fact]
    public async Task Update_of_CleanRemoved_cleans_the_removed_namespace_only_and_keeps_the_physical_id()
    {
        await using var host = await LambdaHarness.StartAsync(
            Recording((_, _) => Report(RunStatus.Succeeded,
                Cluster("prod-eu", "eu-west-1", RunStatus.Succeeded, null, new SecretReport("monitoring", SecretResult.Deleted, null))) with { Operation = RunOperation.Cleanup }),
            () => FleetParser.Parse(CustomResourceRequests.MonitoringRemoved));
        host.Aws.PutParameter(LambdaHarness.ParameterName, LambdaHarness.Region, DeployedFleet.Digest(CustomResourceRequests.TwoClusters));

        var outcome = await host.InvokeAsync(CustomResourceRequests.Build(
            "Update", responseUrl.Url, action: "CleanRemoved", fleet: CustomResourceRequests.MonitoringRemoved,
            oldFleet: CustomResourceRequests.TwoClusters, physicalResourceId: "CleanRemoved-CleanRemoved"));
        var body = (await responseUrl.Accepted.WaitAsync(LambdaHarness.Patience)).Json;

        var (fleet, request, _) = Assert.Single(runs);
        // A fleet change cleans exactly its removals: the cleanup that does not sweep the rest of the cluster.
        Assert.Same(RunOperation.SelectionCleanup, request.Operation);
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
        host.Aws.PutParameter(LambdaHarness.ParameterName, LambdaHarness.Region, DeployedFleet.Digest(CustomResourceRequests.MonitoringRemoved));

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
    public async Task Delete_cleans_every_registered_namespace_names_what_stayed_and_sets_reserved_concurrency_to_0()
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
                + "prod-eu (eu-west-1): monitoring; staging-us (us-east-1): every namespace (DescribeCluster: AccessDeniedException)"
                + ". The function's reserved concurrency is now 0: no queued run writes after this cleanup",
            body.GetProperty("Reason").GetString());
        Assert.Equal(0, host.Aws.ReservedConcurrency(LambdaHarness.FunctionName, LambdaHarness.Region));
        var put = Assert.Single(host.Aws.Requests, r => r.Operation == FakeAwsOperation.PutFunctionConcurrency);
        Assert.Equal("""{"ReservedConcurrentExecutions":0}""", put.Body);
        Assert.False(outcome.IsError);
        Assert.Single(host.Out.Logs, line => line.GetProperty("eventId").GetInt32() == 427);
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
                + "(their Secrets expire within 12 hours; run `bootstrap cleanup` against them): prod-eu (eu-west-1): every namespace; staging-us (us-east-1): every namespace"
                + ". The function's reserved concurrency is now 0: no queued run writes after this cleanup",
            body.GetProperty("Reason").GetString());
        Assert.Equal("error", body.GetProperty("Data").GetProperty("Status").GetString());
        Assert.False(outcome.IsError);

        // Measured as a cleanup in which every cluster failed.
        Assert.Equal(2, Assert.Single(host.Out.Metrics).GetProperty("ClustersIncomplete").GetInt32());
        AssertNoCredentialIn(host);
    }

    [Fact]
    public async Task Malformed_Create_is_FAILED_with_every_problem_nothing_runs_and_the_delivered_answer_is_no_function_error()
    {
        await using var host = await LambdaHarness.StartAsync(Recording((_, _) => TestData.Succeeded()));

        var outcome = await host.InvokeAsync(CustomResourceRequests.Build("Create", responseUrl.Url, action: "Refresh", change: request =>
        {
            request["ResourceProperties"]!["Fleet"] = 42;
            request["ResourceProperties"]!["Extra"] = "x";
        }));
        var body = (await responseUrl.Accepted.WaitAsync(LambdaHarness.Patience)).Json;

        Assert.Empty(runs);
        Assert.Equal("FAILED", body.GetProperty("Status").GetString());
        var reason = body.GetProperty("Reason").GetString()!;
        Assert.StartsWith("malformed request: ", reason, StringComparison.Ordinal);
        Assert.Contains("ResourceProperties.Action: expected CleanRemoved or Lifecycle, got \"Refresh\"", reason, StringComparison.Ordinal);
        Assert.Contains("ResourceProperties.Fleet: expected the fleet as a JSON string", reason, StringComparison.Ordinal);
        Assert.Contains("\"ResourceProperties.Extra\": unknown property", reason, StringComparison.Ordinal);
        // The ids are echoed even from a malformed request, so CloudFormation takes the answer.
        Assert.Equal("Refresh", body.GetProperty("LogicalResourceId").GetString());
        Assert.Equal(CustomResourceRequests.StackId, body.GetProperty("StackId").GetString());
        Assert.False(outcome.IsError);
        AssertNoCredentialIn(host);
    }

    [Fact]
    public async Task Malformed_Delete_is_still_SUCCESS_so_the_stack_can_go()
    {
        await using var host = await LambdaHarness.StartAsync(Recording((_, _) => TestData.Succeeded()));

        await host.InvokeAsync(CustomResourceRequests.Build("Delete", responseUrl.Url, physicalResourceId: "Lifecycle-Lifecycle",
            change: request => request["ResourceProperties"]!.AsObject().Remove("Fleet")));
        var body = (await responseUrl.Accepted.WaitAsync(LambdaHarness.Patience)).Json;

        Assert.Empty(runs);
        Assert.Equal("SUCCESS", body.GetProperty("Status").GetString());
        Assert.Equal("malformed Delete request, nothing was cleaned: ResourceProperties.Fleet: missing", body.GetProperty("Reason").GetString());
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

    /// <summary>A fleet an event might carry: a registered cluster's name with someone else's endpoint and CA, adopting Secrets.</summary>
    private const string ForeignFleet = """{"secretName":"ecr-public-token","adoptExisting":true,"clusters":[{"name":"prod-eu","region":"eu-west-1","namespaces":["default","kube-system"],"endpoint":"https://203.0.113.7","certificateAuthority":"LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t"},{"name":"elsewhere","region":"eu-west-1","namespaces":["default"],"roleArn":"arn:aws:iam::999999999999:role/attacker"}]}""";

    [Fact]
    public async Task Lifecycle_runs_over_the_deployed_fleet_never_the_events_endpoint_CA_or_adoptExisting()
    {
        await using var host = await LambdaHarness.StartAsync(Recording((_, _) => TestData.Succeeded()));

        await host.InvokeAsync(CustomResourceRequests.Build("Create", responseUrl.Url, fleet: ForeignFleet));
        await responseUrl.Accepted.WaitAsync(LambdaHarness.Patience);
        await host.InvokeAsync(CustomResourceRequests.Build("Delete", responseUrl.Url, fleet: ForeignFleet, physicalResourceId: "Lifecycle-Lifecycle"));

        Assert.Equal(2, runs.Count);
        Assert.All(runs, run => Assert.Same(TestData.Fleet, run.Fleet));
        Assert.All(runs, run => Assert.False(run.Fleet.AdoptExisting));
        Assert.All(runs.SelectMany(run => run.Fleet.Clusters), cluster => Assert.Null(cluster.Endpoint));
    }

    [Fact]
    public async Task A_forged_CleanRemoved_with_no_deploy_under_way_cleans_nothing_and_says_why()
    {
        await using var host = await LambdaHarness.StartAsync(Recording((_, _) => TestData.Succeeded()));

        // No deploy under way: the parameter holds the digest of the fleet that is deployed now.
        host.Aws.PutParameter(LambdaHarness.ParameterName, LambdaHarness.Region, DeployedFleet.Digest(CustomResourceRequests.TwoClusters));
        var outcome = await host.InvokeAsync(CustomResourceRequests.Build(
            "Update", responseUrl.Url, action: "CleanRemoved", fleet: CustomResourceRequests.TwoClusters, oldFleet: ForeignFleet, physicalResourceId: "CleanRemoved-CleanRemoved"));
        var body = (await responseUrl.Accepted.WaitAsync(LambdaHarness.Patience)).Json;

        Assert.Empty(runs);
        Assert.Equal("SUCCESS", body.GetProperty("Status").GetString());
        Assert.Equal(
            $"nothing was cleaned: the request's previous fleet is not the one deployed (its SHA-256 differs from parameter {LambdaHarness.ParameterName}): "
                + "no deploy of a fleet change is under way. Run `bootstrap cleanup` with the previous fleet file if clusters or namespaces were removed",
            body.GetProperty("Reason").GetString());
        Assert.Equal("nothing-to-do", body.GetProperty("Data").GetProperty("Status").GetString());
        Assert.False(outcome.IsError);
        Assert.Single(host.Out.Logs, line => line.GetProperty("eventId").GetInt32() == 426);
        var get = Assert.Single(host.Aws.Requests, r => r.Operation == FakeAwsOperation.GetParameter);
        Assert.Equal(("ssm", LambdaHarness.Region, null), (get.SigningService, get.SigningRegion, get.SignatureProblem));
        Assert.Equal($$"""{"Name":"{{LambdaHarness.ParameterName}}"}""", get.Body);
    }

    [Fact]
    public async Task CleanRemoved_before_the_parameter_exists_cleans_nothing_and_points_to_bootstrap_cleanup()
    {
        await using var host = await LambdaHarness.StartAsync(Recording((_, _) => TestData.Succeeded()));

        await host.InvokeAsync(CustomResourceRequests.Build(
            "Update", responseUrl.Url, action: "CleanRemoved", fleet: CustomResourceRequests.MonitoringRemoved,
            oldFleet: CustomResourceRequests.TwoClusters, physicalResourceId: "CleanRemoved-CleanRemoved", fleetProperty: "Fleet", oldFleetProperty: "Registry"));
        var reason = (await responseUrl.Accepted.WaitAsync(LambdaHarness.Patience)).Json.GetProperty("Reason").GetString();

        Assert.Empty(runs);
        Assert.Equal(
            $"nothing was cleaned: parameter {LambdaHarness.ParameterName} does not exist yet (the first update after an upgrade writes it), so the previous fleet cannot be verified. "
                + "Run `bootstrap cleanup` with the previous fleet file if clusters or namespaces were removed",
            reason);
    }

    [Fact]
    public async Task CleanRemoved_whose_parameter_cannot_be_read_cleans_nothing()
    {
        await using var host = await LambdaHarness.StartAsync(Recording((_, _) => TestData.Succeeded()));
        host.Aws.PutParameter(LambdaHarness.ParameterName, LambdaHarness.Region, DeployedFleet.Digest(CustomResourceRequests.TwoClusters));
        host.Aws.Script(FakeAwsOperation.GetParameter, FakeAwsFailure.AccessDenied);

        await host.InvokeAsync(CustomResourceRequests.Build(
            "Update", responseUrl.Url, action: "CleanRemoved", fleet: CustomResourceRequests.MonitoringRemoved,
            oldFleet: CustomResourceRequests.TwoClusters, physicalResourceId: "CleanRemoved-CleanRemoved"));
        var reason = (await responseUrl.Accepted.WaitAsync(LambdaHarness.Patience)).Json.GetProperty("Reason").GetString()!;

        Assert.Empty(runs);
        Assert.StartsWith($"nothing was cleaned: parameter {LambdaHarness.ParameterName} could not be read (SSM GetParameter failed: AccessDeniedException (HTTP 403)", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CleanRemoved_takes_the_old_fleet_under_its_old_property_name_once_verified()
    {
        await using var host = await LambdaHarness.StartAsync(
            Recording((_, _) => Report(RunStatus.Succeeded) with { Operation = RunOperation.Cleanup }),
            () => FleetParser.Parse(CustomResourceRequests.MonitoringRemoved));
        host.Aws.PutParameter(LambdaHarness.ParameterName, LambdaHarness.Region, DeployedFleet.Digest(CustomResourceRequests.TwoClusters));

        await host.InvokeAsync(CustomResourceRequests.Build(
            "Update", responseUrl.Url, action: "CleanRemoved", fleet: CustomResourceRequests.MonitoringRemoved,
            oldFleet: CustomResourceRequests.TwoClusters, physicalResourceId: "CleanRemoved-CleanRemoved", oldFleetProperty: "Registry"));
        await responseUrl.Accepted.WaitAsync(LambdaHarness.Patience);

        var cluster = Assert.Single(Assert.Single(runs).Fleet.Clusters);
        Assert.Equal("prod-eu", cluster.Name);
        Assert.Equal(["monitoring"], cluster.Namespaces);
    }

    [Fact]
    public async Task The_answer_of_30_clusters_failing_in_Japanese_and_emoji_stays_within_4096_UTF8_bytes_cut_between_characters()
    {
        var failed = Enumerable.Range(0, 30)
            .Select(i => Cluster($"cluster-{i:00}", "ap-northeast-1", RunStatus.Failed,
                $"admission webhook \"policy.example.jp\" denied the request: このシークレットは許可されていません。管理者に連絡してください 🚫🔐👩‍💻 {i}"))
            .ToArray();
        await using var host = await LambdaHarness.StartAsync(Recording((_, _) => Report(RunStatus.Failed, failed) with { Operation = RunOperation.Cleanup }));

        var outcome = await host.InvokeAsync(CustomResourceRequests.Build("Delete", responseUrl.Url, physicalResourceId: "Lifecycle-Lifecycle"));
        var put = await responseUrl.Accepted.WaitAsync(LambdaHarness.Patience);

        var bytes = System.Text.Encoding.UTF8.GetBytes(put.Body);
        Assert.InRange(bytes.Length, 3500, CustomResourceAnswer.MaxBytes);
        var reason = put.Json.GetProperty("Reason").GetString()!;
        Assert.EndsWith("...", reason, StringComparison.Ordinal);
        Assert.Contains("このシークレット", reason, StringComparison.Ordinal);
        Assert.Contains("🚫", reason, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', reason);
        Assert.True(System.Text.Unicode.Utf8.IsValid(bytes));
        Assert.False(outcome.IsError);
        Assert.Equal(put.Body, outcome.Body);
    }

    [Fact]
    public async Task A_Delete_whose_Secret_stayed_as_a_conflict_never_says_nothing_stayed()
    {
        await using var host = await LambdaHarness.StartAsync(Recording((_, _) => Report(RunStatus.Succeeded,
            Cluster("prod-eu", "eu-west-1", RunStatus.Succeeded, null,
                new SecretReport("default", SecretResult.Deleted, null),
                new SecretReport("monitoring", SecretResult.Conflict, "not managed by ecr-public-lambda"))) with { Operation = RunOperation.Cleanup }));

        await host.InvokeAsync(CustomResourceRequests.Build("Delete", responseUrl.Url, physicalResourceId: "Lifecycle-Lifecycle"));
        var reason = (await responseUrl.Accepted.WaitAsync(LambdaHarness.Patience)).Json.GetProperty("Reason").GetString()!;

        Assert.DoesNotContain("nothing stayed", reason, StringComparison.Ordinal);
        Assert.Contains("these stayed", reason, StringComparison.Ordinal);
        Assert.Contains("prod-eu (eu-west-1): monitoring (conflict)", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Delete_whose_fence_fails_is_still_SUCCESS_and_names_the_failure()
    {
        await using var host = await LambdaHarness.StartAsync(
            Recording((_, _) => Report(RunStatus.Succeeded) with { Operation = RunOperation.Cleanup }),
            variables: new Dictionary<string, string> { ["AWS_LAMBDA_FUNCTION_NAME"] = "not-this-function" });

        var outcome = await host.InvokeAsync(CustomResourceRequests.Build("Delete", responseUrl.Url, physicalResourceId: "Lifecycle-Lifecycle"));
        var body = (await responseUrl.Accepted.WaitAsync(LambdaHarness.Patience)).Json;

        Assert.Equal("SUCCESS", body.GetProperty("Status").GetString());
        Assert.Equal(
            "cleanup of every registered namespace before the teardown: succeeded; nothing stayed. The function's reserved concurrency could not be set to 0 "
                + "(Lambda PutFunctionConcurrency failed: ResourceNotFoundException (HTTP 404): Function not found: arn:aws:lambda:eu-west-1:111122223333:function:not-this-function): "
                + "a scheduled run already queued may still write until the function is deleted",
            body.GetProperty("Reason").GetString());
        Assert.Equal(1, host.Aws.ReservedConcurrency(LambdaHarness.FunctionName, LambdaHarness.Region));
        Assert.False(outcome.IsError);
        Assert.Single(host.Out.Logs, line => line.GetProperty("eventId").GetInt32() == 428);
    }

    [Fact]
    public async Task A_lone_surrogate_in_StackId_is_answered_FAILED_and_the_host_serves_on()
    {
        await using var host = await LambdaHarness.StartAsync(Recording((_, _) => TestData.Succeeded()));
        var payload = CustomResourceRequests.Build("Create", responseUrl.Url)
            .Replace(CustomResourceRequests.StackId, "arn:aws:cloudformation:eu-west-1:123456789012:stack/x\\ud800/y", StringComparison.Ordinal);

        var outcome = await host.InvokeAsync(payload);
        var body = (await responseUrl.Accepted.WaitAsync(LambdaHarness.Patience)).Json;

        Assert.Empty(runs);
        Assert.Equal("FAILED", body.GetProperty("Status").GetString());
        Assert.Equal("malformed request: StackId: not valid text (a lone UTF-16 surrogate)", body.GetProperty("Reason").GetString());
        Assert.Equal("arn:aws:cloudformation:eu-west-1:123456789012:stack/x\\ud800/y", body.GetProperty("StackId").GetString());
        Assert.False(outcome.IsError);
        Assert.False((await host.InvokeAsync("{}")).IsError);
    }

    [Fact]
    public async Task Ids_too_long_for_any_answer_within_4096_bytes_get_no_answer_run_nothing_and_fail_the_invocation_naming_them()
    {
        await using var host = await LambdaHarness.StartAsync(Recording((_, _) => TestData.Succeeded()));
        // CloudFormation's logical ids are at most 255 characters: 5000 is a forged request, whose answer could not fit.
        var payload = CustomResourceRequests.Build("Create", responseUrl.Url, change: request => request["LogicalResourceId"] = new string('L', 5000));

        var outcome = await host.InvokeAsync(payload);

        Assert.True(outcome.IsError);
        Assert.Contains("StackId, RequestId, LogicalResourceId and PhysicalResourceId: ", outcome.Body, StringComparison.Ordinal);
        Assert.Contains("too long for any answer within the 4096 bytes CloudFormation takes", outcome.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('L', 100), outcome.Body, StringComparison.Ordinal);
        Assert.Empty(runs);
        Assert.Empty(responseUrl.Requests);
        Assert.False((await host.InvokeAsync("{}")).IsError);
    }

    [Fact]
    public async Task Ids_as_long_as_CloudFormation_sends_them_are_answered_whole()
    {
        await using var host = await LambdaHarness.StartAsync(Recording((_, _) => TestData.Succeeded()));
        var logicalId = new string('L', 255);
        var physicalId = new string('P', 1024);
        var payload = CustomResourceRequests.Build("Update", responseUrl.Url, oldFleet: CustomResourceRequests.TwoClusters, physicalResourceId: physicalId,
            change: request => request["LogicalResourceId"] = logicalId);

        await host.InvokeAsync(payload);
        var put = await responseUrl.Accepted.WaitAsync(LambdaHarness.Patience);

        Assert.Equal("SUCCESS", put.Json.GetProperty("Status").GetString());
        Assert.Equal(logicalId, put.Json.GetProperty("LogicalResourceId").GetString());
        Assert.Equal(physicalId, put.Json.GetProperty("PhysicalResourceId").GetString());
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(put.Body), 1, 4096);
    }
}
