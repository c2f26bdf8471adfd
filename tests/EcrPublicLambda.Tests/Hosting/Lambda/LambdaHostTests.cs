using System.Text.Json;
using EcrPublicLambda.Configuration;
using EcrPublicLambda.Fakes;
using EcrPublicLambda.Hosting;
using EcrPublicLambda.Hosting.Lambda;
using EcrPublicLambda.Hosting.Logging;
using EcrPublicLambda.Refresh;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace EcrPublicLambda.Tests.Hosting.Lambda;

/// <summary>The host loop against a real HTTP Runtime API. One collection: the host sets the process-wide trace id.</summary>
[Collection(LambdaHostCollection.Name)]
public sealed class LambdaHostTests
{
    private readonly List<(RefreshRequest Request, DateTimeOffset? Deadline)> calls = [];

    [Fact]
    public async Task Success_posts_the_report_as_the_response()
    {
        await using var host = await LambdaHarness.StartAsync(LambdaHarness.Recording(calls, _ => TestData.Succeeded()));

        var outcome = await host.InvokeAsync("{}");

        Assert.False(outcome.IsError);
        Assert.Equal("application/json", outcome.ContentType);
        Assert.Equal(JsonSerializer.Serialize(TestData.Succeeded(), JsonContext.Relaxed.RefreshReport), outcome.Body);
        Assert.Equal("succeeded", outcome.Json.GetProperty("status").GetString());
        var (request, deadline) = Assert.Single(calls);
        Assert.Empty(request.Clusters);
        Assert.False(request.DryRun);
        Assert.NotNull(deadline);
        Assert.Equal(0, await host.StopAsync());
    }

    [Fact]
    public async Task Incomplete_run_is_a_RefreshIncomplete_function_error_naming_the_failures()
    {
        await using var host = await LambdaHarness.StartAsync(LambdaHarness.Recording(calls, _ => TestData.Partial()));

        var outcome = await host.InvokeAsync("{}");

        Assert.True(outcome.IsError);
        Assert.Equal("RefreshIncomplete", outcome.ErrorTypeHeader);
        Assert.Equal("RefreshIncomplete", outcome.ErrorType);
        Assert.Equal(JsonValueKind.Array, outcome.Json.GetProperty("stackTrace").ValueKind);
        Assert.Equal(0, outcome.Json.GetProperty("stackTrace").GetArrayLength());
        var message = outcome.ErrorMessage!;
        Assert.StartsWith("refresh partial (2 cluster(s)): ", message, StringComparison.Ordinal);
        Assert.Contains("prod-eu (eu-west-1) monitoring: secret failed: namespace \"monitoring\" not found", message, StringComparison.Ordinal);
        Assert.Contains("prod-eu (eu-west-1) default/default: service account failed", message, StringComparison.Ordinal);
        Assert.Contains("staging-us (us-east-1): DescribeCluster: AccessDeniedException", message, StringComparison.Ordinal);

        // The full report is still logged: one line per cluster (its part of the report as a nested object), one summary line.
        var summary = Assert.Single(host.Out.Logs, line => line.GetProperty("eventId").GetInt32() == 406);
        Assert.Equal("ERROR", summary.GetProperty("level").GetString());
        Assert.Equal("partial", summary.GetProperty("status").GetString());
        var clusterLines = host.Out.Logs.Where(line => line.GetProperty("eventId").GetInt32() == 410).ToList();
        Assert.Equal(
            TestData.Partial().Clusters.Select(cluster => JsonSerializer.Serialize(cluster, JsonContext.Relaxed.ClusterReport)),
            clusterLines.Select(line => line.GetProperty("report").GetRawText()));
    }

    [Fact]
    public async Task Missing_config_file_is_an_init_error_and_exit_code_2()
    {
        await using var runtime = await FakeRuntimeApi.StartAsync();
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}", "clusters.json");
        var output = new CapturedOutput();
        using var http = new HttpClient();
        var environment = LambdaHarness.Environment(runtime, new Dictionary<string, string> { ["CONFIG_FILE"] = missing });
        var context = new HostContext(environment, output, TextWriter.Null, http, TimeProvider.System,
            new JsonLoggerProvider(output, LogLevel.Information, TimeProvider.System).CreateLogger(App.LoggerCategory),
            CancellationToken.None);

        // Through App: AWS_LAMBDA_RUNTIME_API routes to the Lambda host, which loads CONFIG_FILE.
        var code = await App.RunAsync(["ignored"], context).WaitAsync(LambdaHarness.Patience);

        Assert.Equal(ExitCodes.BadInput, code);
        var error = await runtime.InitError.WaitAsync(LambdaHarness.Patience);
        Assert.Equal("InvalidConfiguration", error.ErrorTypeHeader);
        Assert.Equal("InvalidConfiguration", error.ErrorType);
        Assert.Contains(missing, error.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(0, runtime.Polls);
        Assert.Contains(output.Logs, line => line.GetProperty("level").GetString() == "FATAL" && line.GetProperty("eventId").GetInt32() == 401);
    }

    [Fact]
    public async Task Invalid_fleet_init_error_lists_every_problem_and_nothing_runs()
    {
        await using var host = await LambdaHarness.StartAsync(
            LambdaHarness.Recording(calls, _ => TestData.Succeeded()),
            () => throw new FleetValidationException(["clusters[0].region: \"mars-1\" is not a region", "clusters[1].namespaces[0]: \"Prod\" is not a valid namespace name"]));

        Assert.Equal(ExitCodes.BadInput, await host.Host.WaitAsync(LambdaHarness.Patience));
        var error = await host.Runtime.InitError.WaitAsync(LambdaHarness.Patience);
        Assert.Equal(
            "clusters[0].region: \"mars-1\" is not a region; clusters[1].namespaces[0]: \"Prod\" is not a valid namespace name",
            error.ErrorMessage);
        Assert.Empty(calls);
        Assert.Equal(0, host.Runtime.Polls);
    }

    [Fact]
    public async Task Several_invocations_in_one_process_run_once_each_with_their_own_request()
    {
        var runs = 0;
        await using var host = await LambdaHarness.StartAsync(LambdaHarness.Recording(calls, request =>
        {
            Interlocked.Increment(ref runs);
            return TestData.Succeeded(request.DryRun);
        }));

        var first = await host.InvokeAsync("{}");
        var second = await host.InvokeAsync("""{"clusters":["staging-us"],"dryRun":true}""");
        var third = await host.InvokeAsync("""{"clusters":["prod-eu"]}""");

        Assert.Equal(3, runs);
        Assert.Equal([[], ["staging-us"], ["prod-eu"]], calls.Select(call => call.Request.Clusters.ToArray()));
        Assert.Equal([false, true, false], calls.Select(call => call.Request.DryRun));
        Assert.Equal([false, true, false], new[] { first, second, third }.Select(o => o.Json.GetProperty("dryRun").GetBoolean()));
        Assert.Equal(3, host.Out.Metrics.Count);
        await host.Runtime.WaitForPollsAsync(4).WaitAsync(LambdaHarness.Patience);
    }

    [Fact]
    public async Task Exception_in_the_run_is_that_invocations_error_and_the_loop_goes_on()
    {
        var runs = 0;
        await using var host = await LambdaHarness.StartAsync((_, _, _, _) =>
            Interlocked.Increment(ref runs) == 1
                ? throw new InvalidOperationException("ECR Public answered 503\nafter 3 attempts")
                : Task.FromResult(TestData.Succeeded()));

        var failed = await host.InvokeAsync("{}");
        var next = await host.InvokeAsync("{}");

        Assert.True(failed.IsError);
        Assert.Equal("InvalidOperationException", failed.ErrorTypeHeader);
        Assert.Equal("InvalidOperationException", failed.ErrorType);
        Assert.Equal("ECR Public answered 503 after 3 attempts", failed.ErrorMessage);
        Assert.False(next.IsError);
        Assert.Equal(2, runs);
        var logged = Assert.Single(host.Out.Logs, line => line.GetProperty("eventId").GetInt32() == 405);
        Assert.Equal("System.InvalidOperationException", logged.GetProperty("exception").GetString());
        Assert.Equal(0, await host.StopAsync());
    }

    [Fact]
    public async Task Secrets_in_an_exception_message_reach_neither_the_error_nor_the_logs()
    {
        const string bearer = "k8s-aws-v1.aHR0cHM6Ly9zdHMuZXUtd2VzdC0xLmFtYXpvbmF3cy5jb20vP0FjdGlvbj1HZXRDYWxsZXJJZGVudGl0eQ";
        const string password = "eyJwYXlsb2FkIjoic2VjcmV0LXJlZ2lzdHJ5LXBhc3N3b3JkIn0";
        await using var host = await LambdaHarness.StartAsync((_, _, _, _) =>
            throw new HttpRequestException($"PATCH failed with Authorization: Bearer {bearer} and body {{\"password\":\"{password}\"}}"));

        var outcome = await host.InvokeAsync("{}");

        Assert.Equal("HttpRequestException", outcome.ErrorType);
        Assert.Contains("<redacted>", outcome.ErrorMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(bearer, outcome.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(password, outcome.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(bearer, host.Out.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(password, host.Out.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"clusters":["prod-eu"],"password":"hunter2-do-not-echo"}""", "\"password\": unknown field (expected \"clusters\", \"dryRun\", \"cleanup\" or \"status\")")]
    [InlineData("""{"detail-type":"Scheduled Event","source":"aws.events","detail":{},"dryRun":true}""", "dryRun: not allowed beside a scheduled event")]
    [InlineData("""{"clusters":["prod-eu","prod-us"]}""", "clusters[1]: unknown cluster \"prod-us\" (registered: prod-eu, staging-us)")]
    [InlineData("""{"dryRun":"yes"}""", "dryRun: expected true or false, got a string")]
    [InlineData("""{"clusters":"prod-eu"}""", "clusters: expected an array of cluster names, got a string")]
    [InlineData("""{"clusters":["prod-eu"]""", "payload: not valid JSON")]
    public async Task Invalid_payload_is_an_InvalidPayload_error_naming_it_and_nothing_runs(string payload, string expected)
    {
        await using var host = await LambdaHarness.StartAsync(LambdaHarness.Recording(calls, _ => TestData.Succeeded()));

        var outcome = await host.InvokeAsync(payload);

        Assert.True(outcome.IsError);
        Assert.Equal("InvalidPayload", outcome.ErrorTypeHeader);
        Assert.Equal("InvalidPayload", outcome.ErrorType);
        Assert.Contains(expected, outcome.ErrorMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", outcome.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", host.Out.Text, StringComparison.Ordinal);
        Assert.Empty(calls);
        Assert.Empty(host.Out.Metrics);
    }

    [Fact]
    public async Task A_real_deadline_is_passed_to_the_run()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        var deadline = clock.GetUtcNow().AddSeconds(55).AddMilliseconds(123);
        await using var host = await LambdaHarness.StartAsync(LambdaHarness.Recording(calls, _ => TestData.Succeeded()), clock: clock);

        await host.InvokeAsync(new FakeRuntimeApiInvocation("{}") { DeadlineHeader = deadline.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(deadline, Assert.Single(calls).Deadline);
        Assert.DoesNotContain(host.Out.Logs, line => line.GetProperty("level").GetString() == "WARN");
    }

    [Theory]
    [InlineData("5000")] // @vercel/fun sends the timeout, not an epoch-milliseconds deadline
    [InlineData("1764158400000")] // an epoch time already past (2025-11-26T12:00Z, a year before the clock)
    [InlineData("soon")]
    [InlineData(null)] // no header at all
    public async Task A_deadline_that_cannot_be_real_falls_back_to_60_seconds_with_a_warning(string? header)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        await using var host = await LambdaHarness.StartAsync(LambdaHarness.Recording(calls, _ => TestData.Succeeded()), clock: clock);

        var outcome = await host.InvokeAsync(new FakeRuntimeApiInvocation("{}") { DeadlineHeader = header });

        Assert.False(outcome.IsError);
        Assert.Equal(clock.GetUtcNow().AddSeconds(60), Assert.Single(calls).Deadline);
        var warning = Assert.Single(host.Out.Logs, line => line.GetProperty("level").GetString() == "WARN");
        Assert.Equal(403, warning.GetProperty("eventId").GetInt32());
        Assert.Equal(header ?? "(missing)", warning.GetProperty("deadlineHeader").GetString());
        Assert.Equal(60, warning.GetProperty("fallbackSeconds").GetInt64());
    }

    [Theory]
    [InlineData("300", 300)]
    [InlineData("900", 900)]
    [InlineData("0", 60)]
    [InlineData("901", 60)]
    [InlineData("five", 60)]
    public async Task The_fallback_is_the_function_timeout_from_the_environment_when_it_is_a_Lambda_timeout(string timeout, int seconds)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        await using var host = await LambdaHarness.StartAsync(
            LambdaHarness.Recording(calls, _ => TestData.Succeeded()),
            variables: new Dictionary<string, string> { [LambdaHost.FunctionTimeoutVariable] = timeout },
            clock: clock);

        await host.InvokeAsync(new FakeRuntimeApiInvocation("{}") { DeadlineHeader = "5000" });

        Assert.Equal(clock.GetUtcNow().AddSeconds(seconds), Assert.Single(calls).Deadline);
    }

    [Fact]
    public async Task Trace_id_is_set_for_each_invocation_and_cleared_without_one()
    {
        var seen = new List<string?>();
        await using var host = await LambdaHarness.StartAsync((_, _, _, _) =>
        {
            seen.Add(Environment.GetEnvironmentVariable(LambdaHost.TraceIdVariable));
            return Task.FromResult(TestData.Succeeded());
        });

        await host.InvokeAsync(new FakeRuntimeApiInvocation("{}") { TraceId = "Root=1-aaaaaaaa-111111111111111111111111;Sampled=1" });
        await host.InvokeAsync(new FakeRuntimeApiInvocation("{}") { TraceId = "Root=1-bbbbbbbb-222222222222222222222222;Sampled=0" });
        await host.InvokeAsync(new FakeRuntimeApiInvocation("{}") { TraceId = null });

        Assert.Equal(
            ["Root=1-aaaaaaaa-111111111111111111111111;Sampled=1", "Root=1-bbbbbbbb-222222222222222222222222;Sampled=0", null],
            seen);
    }

    [Fact]
    public async Task Cancellation_while_waiting_for_work_stops_the_loop_with_exit_code_0()
    {
        await using var host = await LambdaHarness.StartAsync(LambdaHarness.Recording(calls, _ => TestData.Succeeded()));
        await host.Runtime.WaitForPollsAsync(1).WaitAsync(LambdaHarness.Patience);

        Assert.Equal(0, await host.StopAsync());
        Assert.Contains(host.Out.Logs, line => line.GetProperty("eventId").GetInt32() == 409);
        Assert.Empty(calls);
    }

    [Fact]
    public async Task Cancellation_during_a_run_answers_that_invocation_and_stops()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await LambdaHarness.StartAsync(async (_, _, _, cancellationToken) =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return TestData.Succeeded();
        });

        var invocation = host.Runtime.Enqueue("{}");
        await started.Task.WaitAsync(LambdaHarness.Patience);
        var code = await host.StopAsync();

        Assert.Equal(0, code);
        var outcome = await invocation.Outcome.WaitAsync(LambdaHarness.Patience);
        Assert.Equal("HostStopped", outcome.ErrorType);
    }

    [Fact]
    public async Task Log_lines_are_JSON_with_timestamp_level_requestId_and_message()
    {
        await using var host = await LambdaHarness.StartAsync(LambdaHarness.Recording(calls, _ => TestData.Succeeded()));
        var invocation = new FakeRuntimeApiInvocation("{}");

        await host.InvokeAsync(invocation);
        await host.StopAsync();

        var logs = host.Out.Logs;
        Assert.All(logs, line =>
        {
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", line.GetProperty("timestamp").GetString());
            Assert.Contains(line.GetProperty("level").GetString(), new[] { "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL" });
            Assert.False(string.IsNullOrEmpty(line.GetProperty("message").GetString()));
        });
        var ready = Assert.Single(logs, line => line.GetProperty("eventId").GetInt32() == 400);
        Assert.False(ready.TryGetProperty("requestId", out _));
        Assert.Equal(2, ready.GetProperty("clusterCount").GetInt32());
        foreach (var eventId in new[] { 402, 406 })
        {
            var line = Assert.Single(logs, line => line.GetProperty("eventId").GetInt32() == eventId);
            Assert.Equal(invocation.RequestId, line.GetProperty("requestId").GetString());
        }

        var report = Assert.Single(logs, line => line.GetProperty("eventId").GetInt32() == 406);
        Assert.Equal("refresh succeeded in 412 ms: 2 cluster(s), 2 succeeded, 0 partial, 0 failed (dry run False)", report.GetProperty("message").GetString());
        Assert.Equal("INFO", report.GetProperty("level").GetString());
    }

    [Fact]
    public async Task AWS_LAMBDA_LOG_LEVEL_sets_the_minimum_level()
    {
        await using var host = await LambdaHarness.StartAsync(
            LambdaHarness.Recording(calls, _ => TestData.Succeeded()),
            variables: new Dictionary<string, string> { ["AWS_LAMBDA_LOG_LEVEL"] = "WARN" });

        await host.InvokeAsync(new FakeRuntimeApiInvocation("{}") { DeadlineHeader = "5000" });
        await host.StopAsync();

        var levels = host.Out.Logs.Select(line => line.GetProperty("level").GetString()).ToList();
        Assert.Equal(["WARN"], levels);
        Assert.Single(host.Out.Metrics); // metrics are not log lines: always written
    }

    [Fact]
    public async Task Each_run_writes_one_EMF_line_for_the_function()
    {
        await using var host = await LambdaHarness.StartAsync(LambdaHarness.Recording(calls, _ => TestData.Partial()));

        await host.InvokeAsync("{}");

        var emf = Assert.Single(host.Out.Metrics);
        Assert.Equal("ecr-public-refresh", emf.GetProperty("FunctionName").GetString());
        Assert.Equal(0, emf.GetProperty("RunSucceeded").GetInt32());
        Assert.Equal(1, emf.GetProperty("SecretsWritten").GetInt32());
        Assert.Equal(1234, emf.GetProperty("DurationMs").GetInt64());
    }

    [Theory]
    [InlineData("TRACE")]
    [InlineData("DEBUG")]
    [InlineData("INFO")]
    [InlineData("WARN")]
    [InlineData("ERROR")]
    [InlineData("FATAL")]
    public async Task Lambda_keeps_the_metrics_line_at_every_application_log_level(string level)
    {
        await using var host = await LambdaHarness.StartAsync(
            LambdaHarness.Recording(calls, _ => TestData.Succeeded()),
            variables: new Dictionary<string, string> { ["AWS_LAMBDA_LOG_LEVEL"] = level });

        await host.InvokeAsync("{}");
        await host.StopAsync();

        var emf = Assert.Single(host.Out.Metrics);
        Assert.True(LambdaLogFilter.Keeps(emf, level), $"Lambda would drop the metrics line at {level}: {emf}");
        Assert.Equal(1, emf.GetProperty("RunSucceeded").GetInt32());
        // Without its level and timestamp the same line counts as INFO: dropped from WARN up (the missed-run alarm would fire).
        var node = System.Text.Json.Nodes.JsonNode.Parse(emf.GetRawText())!.AsObject();
        node.Remove("level");
        node.Remove("timestamp");
        var bare = JsonDocument.Parse(node.ToJsonString()).RootElement;
        Assert.Equal(Array.IndexOf(LambdaLogFilter.Levels, level) <= 2, LambdaLogFilter.Keeps(bare, level));
    }
}
