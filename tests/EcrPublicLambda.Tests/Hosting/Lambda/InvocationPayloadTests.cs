using System.Text;
using EcrPublicLambda.Hosting.Lambda;
using EcrPublicLambda.Refresh;

namespace EcrPublicLambda.Tests.Hosting.Lambda;

public sealed class InvocationPayloadTests
{
    private static RefreshRequest Parse(string payload) => InvocationPayload.Parse(Encoding.UTF8.GetBytes(payload), TestData.Fleet);

    private static InvalidPayloadException Reject(string payload) => Assert.Throws<InvalidPayloadException>(() => Parse(payload));

    [Theory]
    [InlineData("")]
    [InlineData(" \r\n\t")]
    [InlineData("{}")]
    [InlineData("""{"version":"0","id":"89d1a02d-5ec7-412e-82f5-13505f849b41","detail-type":"Scheduled Event","source":"aws.events","account":"123456789012","time":"2026-11-26T18:44:49Z","region":"eu-west-1","resources":["arn:aws:events:eu-west-1:123456789012:rule/refresh"],"detail":{}}""")]
    [InlineData("""{"version":"0","id":"4b6f2b9e-0d3f-4c1a-9b4e-2f0c5e1d7a11","detail-type":"Scheduled Event","source":"aws.scheduler","account":"123456789012","time":"2026-11-26T18:44:49Z","region":"eu-west-1","resources":["arn:aws:scheduler:eu-west-1:123456789012:schedule/default/refresh"],"detail":"{}"}""")]
    public void Refresh_everything(string payload)
    {
        var request = Parse(payload);

        Assert.Empty(request.Clusters);
        Assert.False(request.DryRun);
        Assert.Same(RunOperation.Refresh, request.Operation);
    }

    [Fact]
    public void A_subset_and_a_dry_run()
    {
        var request = Parse("""{"clusters":["staging-us","prod-eu"],"dryRun":true}""");

        Assert.Equal(["staging-us", "prod-eu"], request.Clusters);
        Assert.True(request.DryRun);
        Assert.Same(RunOperation.Refresh, request.Operation);
    }

    [Fact]
    public void A_cleanup_of_some_clusters_as_a_dry_run()
    {
        var request = Parse("""{"cleanup":true,"clusters":["prod-eu"],"dryRun":true}""");

        Assert.Same(RunOperation.Cleanup, request.Operation);
        Assert.Equal(["prod-eu"], request.Clusters);
        Assert.True(request.DryRun);
    }

    [Fact]
    public void Cleanup_false_is_a_refresh()
    {
        var request = Parse("""{"cleanup":false}""");

        Assert.Same(RunOperation.Refresh, request.Operation);
        Assert.Empty(request.Clusters);
        Assert.False(request.DryRun);
    }

    [Theory]
    [InlineData("dryRun", "true")]
    [InlineData("clusters", "[\"prod-eu\"]")]
    [InlineData("cleanup", "true")]
    [InlineData("cleanup", "false")]
    public void A_scheduled_event_carrying_a_request_field_is_refused_naming_it(string field, string value)
    {
        foreach (var source in new[] { "aws.events", "aws.scheduler" })
        {
            var error = Reject($$"""{"detail-type":"Scheduled Event","source":"{{source}}","detail":{},"{{field}}":{{value}}}""");

            Assert.Equal(
                [$$"""{{field}}: not allowed beside a scheduled event, which refreshes every cluster; send {"{{field}}": ...} on its own instead"""],
                error.Errors);
        }
    }

    [Fact]
    public void A_scheduled_event_names_every_request_field_it_carries()
    {
        var error = Reject("""{"clusters":["prod-eu"],"source":"aws.events","dryRun":false,"detail-type":"Scheduled Event","cleanup":true}""");

        Assert.Equal(["clusters", "dryRun", "cleanup"], error.Errors.Select(e => e[..e.IndexOf(':', StringComparison.Ordinal)]));
    }

    [Theory]
    [InlineData("""{"dryRun":true}""")]
    [InlineData("\"{\\\"dryRun\\\":true}\"")]
    [InlineData("[]")]
    [InlineData("null")]
    public void A_scheduled_event_with_a_detail_is_refused(string detail)
    {
        var error = Reject($$"""{"detail-type":"Scheduled Event","source":"aws.events","detail":{{detail}}}""");

        Assert.Equal(["detail: a scheduled event's detail must be empty ({} or \"{}\"); request fields go in the payload itself, not in the event"], error.Errors);
    }

    [Fact]
    public void A_dry_run_of_everything()
    {
        var request = Parse("""{"dryRun":true}""");

        Assert.Empty(request.Clusters);
        Assert.True(request.DryRun);
    }

    [Fact]
    public void Every_problem_is_named_at_once()
    {
        var error = Reject("""{"cluster":["prod-eu"],"clusters":["prod-eu",7,"nope","prod-eu"],"dryRun":1}""");

        Assert.Equal(
            [
                "\"cluster\": unknown field (expected \"clusters\", \"dryRun\", \"cleanup\" or \"status\")",
                "clusters[1]: expected a cluster name, got a number",
                "clusters[2]: unknown cluster \"nope\" (registered: prod-eu, staging-us)",
                "clusters[3]: \"prod-eu\" is listed more than once",
                "dryRun: expected true or false, got a number",
            ],
            error.Errors);
        Assert.Equal(string.Join("; ", error.Errors), error.Message);
    }

    [Theory]
    [InlineData("[]", "payload: expected a JSON object, got an array")]
    [InlineData("\"refresh\"", "payload: expected a JSON object, got a string")]
    [InlineData("null", "payload: expected a JSON object, got null")]
    [InlineData("{\"clusters\":[]}", "clusters: names no cluster (leave the field out to refresh every cluster)")]
    [InlineData("{\"clusters\":null}", "clusters: expected an array of cluster names, got null")]
    [InlineData("{\"dryRun\":true,\"dryRun\":false}", "dryRun: given more than once")]
    [InlineData("{\"cleanup\":\"yes\"}", "cleanup: expected true or false, got a string")]
    [InlineData("{\"cleanup\":1}", "cleanup: expected true or false, got a number")]
    [InlineData("{\"cleanup\":true,\"cleanup\":true}", "cleanup: given more than once")]
    [InlineData("{\"source\":\"aws.events\",\"detail-type\":\"EC2 Instance State-change Notification\"}", "\"source\": unknown field")]
    [InlineData("{\"clusters\":[\"prod-eu\"],}", "payload: not valid JSON (line 1, byte 25)")]
    public void Rejected(string payload, string expected) =>
        Assert.StartsWith(expected, Reject(payload).Message, StringComparison.Ordinal);

    [Fact]
    public void Echoed_names_are_shortened_and_escaped()
    {
        var error = Reject("{\"clusters\":[\"" + new string('x', 200) + "\"],\"a\\nb\":1}");

        Assert.Equal($"clusters[0]: unknown cluster \"{new string('x', 64)}...\" (registered: prod-eu, staging-us)", error.Errors[0]);
        Assert.Equal("\"a\\u000ab\": unknown field (expected \"clusters\", \"dryRun\", \"cleanup\" or \"status\")", error.Errors[1]);
    }

    [Fact]
    public void Invalid_JSON_does_not_echo_the_payload()
    {
        var error = Reject("{\"clusters\": [\"prod-eu\"], \"token\": k8s-aws-v1.c2VjcmV0}");

        Assert.DoesNotContain("k8s-aws-v1", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("payload: not valid JSON (line 1, byte ", error.Message, StringComparison.Ordinal);
    }
}
