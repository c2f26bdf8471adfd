using System.Text;
using System.Text.Json;
using EcrPublicLambda.Hosting.Lambda;
using EcrPublicLambda.Refresh;

namespace EcrPublicLambda.Tests.Hosting.Lambda;

[Collection(LambdaHostCollection.Name)]
public sealed class StatusPayloadTests
{
    private static StatusRequest? ParseStatus(string payload) => InvocationPayload.ParseStatus(Encoding.UTF8.GetBytes(payload), TestData.Fleet);

    [Fact]
    public void Status_true_asks_for_a_reading_of_every_cluster_with_the_default_window()
    {
        var request = ParseStatus("""{"status":true}""");

        Assert.NotNull(request);
        Assert.Empty(request.Clusters);
        Assert.Equal(TimeSpan.FromHours(6), request.ExpiringWithin);
    }

    [Fact]
    public void Status_with_clusters_reads_those()
    {
        Assert.Equal(["prod-eu"], ParseStatus("""{"status":true,"clusters":["prod-eu"]}""")!.Clusters);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("""{"cleanup":true}""")]
    [InlineData("not json")]
    public void Other_payloads_are_no_status_reading(string payload)
    {
        Assert.Null(ParseStatus(payload));
    }

    [Theory]
    [InlineData("""{"status":true,"dryRun":true}""", "dryRun: not allowed beside \"status\"")]
    [InlineData("""{"status":true,"cleanup":true}""", "cleanup: not allowed beside \"status\"")]
    [InlineData("""{"status":true,"clusters":["nope"]}""", "unknown cluster \"nope\"")]
    [InlineData("""{"status":true,"colour":1}""", "\"colour\": unknown field beside \"status\"")]
    public void Status_beside_what_it_cannot_do_is_refused(string payload, string message)
    {
        var error = Assert.Throws<InvalidPayloadException>(() => ParseStatus(payload));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_false_is_refused_as_asking_for_nothing()
    {
        var error = Assert.Throws<InvalidPayloadException>(() => InvocationPayload.Parse(Encoding.UTF8.GetBytes("""{"status":false}"""), TestData.Fleet));

        Assert.Contains("status: only true asks for a status reading", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_lambda_answers_status_with_the_reading_as_its_response_and_runs_no_refresh()
    {
        var refreshes = new List<(RefreshRequest Request, DateTimeOffset? Deadline)>();
        var readings = new List<StatusRequest>();
        var report = new StatusReport(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero), 21600, false, new VerdictCounts(1, 0, 1, 0, 0, 0), 5, []);
        await using var harness = await LambdaHarness.StartAsync(
            LambdaHarness.Recording(refreshes, _ => TestData.Partial()),
            status: (_, request, _) =>
            {
                readings.Add(request);
                return Task.FromResult(report);
            });

        var outcome = await harness.InvokeAsync("""{"status":true,"clusters":["prod-eu"]}""");

        Assert.False(outcome.IsError);
        Assert.Empty(refreshes);
        Assert.Equal(["prod-eu"], Assert.Single(readings).Clusters);
        var json = outcome.Json;
        Assert.Equal("status", json.GetProperty("operation").GetString());
        Assert.Equal("2026-11-26T12:00:00Z", json.GetProperty("readAt").GetString());
        Assert.Equal(1, json.GetProperty("counts").GetProperty("stale").GetInt32());
        Assert.False(json.GetProperty("healthy").GetBoolean());
        Assert.Equal(JsonValueKind.Array, json.GetProperty("clusters").ValueKind);
    }

    [Fact]
    public async Task The_lambda_refuses_a_status_payload_with_a_write_field_as_invalid_and_reads_nothing()
    {
        var refreshes = new List<(RefreshRequest Request, DateTimeOffset? Deadline)>();
        var readings = new List<StatusRequest>();
        await using var harness = await LambdaHarness.StartAsync(
            LambdaHarness.Recording(refreshes, _ => TestData.Partial()),
            status: (_, request, _) =>
            {
                readings.Add(request);
                return Task.FromResult(new StatusReport(DateTimeOffset.UnixEpoch, 21600, true, new VerdictCounts(0, 0, 0, 0, 0, 0), 0, []));
            });

        var outcome = await harness.InvokeAsync("""{"status":true,"dryRun":true}""");

        Assert.True(outcome.IsError);
        Assert.Equal("InvalidPayload", outcome.ErrorType);
        Assert.Empty(readings);
        Assert.Empty(refreshes);
    }
}
