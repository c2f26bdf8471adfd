using EcrPublicLambda.Fakes;

namespace EcrPublicLambda.Tests.Refresh;

/// <summary>
/// <c>bootstrap refresh</c> on a machine whose clock is 20 minutes off the true time (AWS's and the API servers'):
/// the first AWS answer corrects it, and the run succeeds.
/// </summary>
public sealed class RefreshClockSkewTests
{
    [Theory]
    [InlineData(20)]
    [InlineData(-20)]
    public async Task A_whole_refresh_succeeds_with_the_machine_clock_20_minutes_off(int minutes)
    {
        await using var world = await RefreshWorld.StartAsync(
            [
                new WorldCluster("prod-eu", "eu-west-1", "default", "apps"),
                new WorldCluster("shared-us", "us-west-2", "default") { RoleArn = RefreshWorld.CrossAccountRole },
                new WorldCluster("pinned", "eu-west-1", "default") { EndpointInFleet = true },
            ],
            clockSkew: TimeSpan.FromMinutes(minutes));

        var run = await world.RunAsync();

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("succeeded", run.Status);
        Assert.Equal(("succeeded", null), run.ClusterOutcome("prod-eu"));
        Assert.Equal(("succeeded", null), run.ClusterOutcome("shared-us"));
        Assert.Equal(("succeeded", null), run.ClusterOutcome("pinned"));
        world.AssertSecret("prod-eu", "default");
        world.AssertSecret("prod-eu", "apps");
        world.AssertSecret("shared-us", "default");
        world.AssertSecret("pinned", "default");

        // Each call AWS saw: at most one refusal for the skew (the calls in flight before the first correction),
        // then one success signed with the corrected time; nothing is sent a third time.
        var expected = minutes > 0 ? "Signature expired: " : "Signature not yet current: ";
        var calls = world.Aws.Requests.GroupBy(r => (r.Operation, r.Path)).ToList();
        Assert.Equal(4, calls.Count);
        Assert.All(calls, call =>
        {
            var tries = call.ToList();
            Assert.InRange(tries.Count, 1, 2);
            Assert.Null(tries[^1].SignatureProblem);
            Assert.All(tries.SkipLast(1), refused => Assert.StartsWith(expected, refused.SignatureProblem, StringComparison.Ordinal));
        });
        Assert.Contains(world.Aws.Requests, r => r.SignatureProblem is not null);

        // STS AssumeRole goes through the AWS SDK, which learns the skew from STS's own answer (15 minutes allowed there).
        var assume = world.Aws.Requests.Where(r => r.Operation == FakeAwsOperation.AssumeRole).ToList();
        Assert.Equal(2, assume.Count);
        Assert.NotNull(assume[0].SignatureProblem);

        // The bearer tokens carry the corrected date: the API servers (on the true clock) authenticated every request.
        Assert.All(world.Servers, server => Assert.NotEmpty(server.Requests));
        Assert.All(world.Servers.SelectMany(server => server.Requests), request => Assert.Null(request.AuthenticationFailure));
        Assert.Contains("\"eventId\":206", run.Logs, StringComparison.Ordinal);
    }
}
