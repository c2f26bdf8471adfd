using EcrPublicLambda.Fakes;
using EcrPublicLambda.Hosting.Lambda;
using Microsoft.Extensions.Time.Testing;

namespace EcrPublicLambda.Tests.Hosting.Lambda;

/// <summary>The answer's PUT ends by the invocation deadline, whatever the HttpClient's own (100 s) timeout.</summary>
public sealed class CustomResourceResponderTests
{
    private static readonly byte[] Body = """{"Status":"SUCCESS"}"""u8.ToArray();

    private static Uri UrlOf(FakeHungServer server) =>
        new($"http://127.0.0.1:{server.Endpoint.Port}/answer?X-Amz-Signature={FakeCloudFormationResponseUrl.Signature}");

    [Fact]
    public async Task A_PUT_S3_never_answers_is_given_up_at_the_deadline_with_a_message_without_the_url()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));
        await using var hung = FakeHungServer.Start();
        using var http = new HttpClient();
        var responder = new CustomResourceResponder(http, clock);

        var send = responder.SendAsync(UrlOf(hung), Body, clock.GetUtcNow() + TimeSpan.FromSeconds(4), CancellationToken.None);
        while (hung.Connections == 0)
        {
            await Task.Delay(10);
        }

        Assert.False(send.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(4));
        var error = await send.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("no answer from the response URL before the invocation deadline", error);
        Assert.Equal(1, hung.Connections);
    }

    [Fact]
    public async Task No_PUT_is_tried_once_the_deadline_has_passed()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));
        await using var hung = FakeHungServer.Start();
        using var http = new HttpClient();

        var error = await new CustomResourceResponder(http, clock).SendAsync(UrlOf(hung), Body, clock.GetUtcNow(), CancellationToken.None);

        Assert.Equal("no time was left before the invocation deadline", error);
        Assert.Equal(0, hung.Connections);
    }
}
