using System.Net;
using System.Text;
using EcrPublicLambda.Fakes;
using EcrPublicLambda.Hosting.Lambda;

namespace EcrPublicLambda.Tests.Hosting.Lambda;

public sealed class RuntimeApiClientTests
{
    [Fact]
    public void An_HttpClient_with_a_timeout_is_refused_because_the_long_poll_would_time_out()
    {
        using var http = new HttpClient();

        var error = Assert.Throws<ArgumentException>(() => new RuntimeApiClient(http, "127.0.0.1:9001"));

        Assert.Contains("without timeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Next_reads_the_invocation_headers_and_payload_and_answers_reach_the_API()
    {
        await using var runtime = await FakeRuntimeApi.StartAsync();
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var client = new RuntimeApiClient(http, runtime.Address);
        var queued = runtime.Enqueue(new FakeRuntimeApiInvocation("""{"dryRun":true}""") { DeadlineHeader = "1795694400000" });

        var invocation = await client.NextAsync(CancellationToken.None).WaitAsync(LambdaHarness.Patience);
        await client.PostResponseAsync(invocation.RequestId, Encoding.UTF8.GetBytes("""{"status":"succeeded"}"""), CancellationToken.None);

        Assert.Equal(queued.RequestId, invocation.RequestId);
        Assert.Equal("1795694400000", invocation.DeadlineHeader);
        Assert.Equal(queued.TraceId, invocation.TraceId);
        Assert.Equal(queued.FunctionArn, invocation.FunctionArn);
        Assert.Equal("""{"dryRun":true}""", Encoding.UTF8.GetString(invocation.Payload.Span));
        Assert.Equal("""{"status":"succeeded"}""", (await queued.Outcome).Body);
        Assert.DoesNotContain("dryRun", invocation.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_answer_is_a_RuntimeApiException_with_the_status_and_not_fatal()
    {
        await using var runtime = await FakeRuntimeApi.StartAsync();
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var client = new RuntimeApiClient(http, runtime.Address);

        var error = await Assert.ThrowsAsync<RuntimeApiException>(() =>
            client.PostErrorAsync("no-such-request", new InvocationError("X", "y"), CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.False(error.IsFatal);
        Assert.Equal(["answer for unknown request id no-such-request"], runtime.Violations);
    }
}
