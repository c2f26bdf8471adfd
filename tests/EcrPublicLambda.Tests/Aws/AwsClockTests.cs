using System.Net.Http.Headers;
using EcrPublicLambda.Aws;
using Microsoft.Extensions.Time.Testing;

namespace EcrPublicLambda.Tests.Aws;

public sealed class AwsClockTests
{
    private static readonly DateTimeOffset Machine = new(2026, 11, 27, 6, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(20 * 60)]
    [InlineData(-20 * 60)]
    [InlineData(4 * 60)]
    [InlineData(-4 * 60)]
    public void A_date_at_least_four_minutes_off_becomes_the_offset(int seconds)
    {
        var clock = new AwsClock(new FakeTimeProvider(Machine));

        Assert.True(clock.Observe(Machine.AddSeconds(seconds)));

        Assert.Equal(TimeSpan.FromSeconds(seconds), clock.Offset);
        Assert.Equal(Machine.AddSeconds(seconds), clock.Now);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3 * 60 + 59)]
    [InlineData(-(3 * 60 + 59))]
    public void A_date_less_than_four_minutes_off_changes_nothing(int seconds)
    {
        var clock = new AwsClock(new FakeTimeProvider(Machine));

        Assert.False(clock.Observe(Machine.AddSeconds(seconds)));

        Assert.Equal(TimeSpan.Zero, clock.Offset);
        Assert.Equal(Machine, clock.Now);
    }

    [Fact]
    public void Once_corrected_the_same_server_time_changes_nothing_and_the_offset_follows_the_machine_clock()
    {
        var machine = new FakeTimeProvider(Machine);
        var clock = new AwsClock(machine);
        Assert.True(clock.Observe(Machine.AddMinutes(20)));

        machine.Advance(TimeSpan.FromSeconds(30));

        Assert.False(clock.Observe(Machine.AddMinutes(20).AddSeconds(31)));
        Assert.Equal(Machine.AddMinutes(20).AddSeconds(30), clock.Now);

        // The machine's clock is set right (or AWS's Date says so): the offset goes back to zero.
        Assert.True(clock.Observe(machine.GetUtcNow()));
        Assert.Equal(TimeSpan.Zero, clock.Offset);
    }

    [Fact]
    public void Headers_teach_by_Date_unless_the_answer_came_from_a_cache()
    {
        var clock = new AwsClock(new FakeTimeProvider(Machine));
        using var cached = new HttpResponseMessage();
        cached.Headers.Date = Machine.AddMinutes(20);
        cached.Headers.Age = TimeSpan.FromSeconds(5);
        using var undated = new HttpResponseMessage();
        using var fresh = new HttpResponseMessage();
        fresh.Headers.Date = Machine.AddMinutes(-20);

        Assert.False(clock.Observe(cached.Headers));
        Assert.False(clock.Observe(undated.Headers));
        Assert.True(clock.Observe(fresh.Headers));
        Assert.Equal(TimeSpan.FromMinutes(-20), clock.Offset);
    }

    [Theory]
    [InlineData(403, "InvalidSignatureException", true)]
    [InlineData(400, "InvalidSignatureException", true)]
    [InlineData(403, "SignatureDoesNotMatch", true)]
    [InlineData(403, "RequestTimeTooSkewed", true)]
    [InlineData(400, "RequestExpired", true)]
    [InlineData(400, "RequestInTheFuture", true)]
    [InlineData(401, "AuthFailure", true)]
    [InlineData(403, "AccessDeniedException", false)]
    [InlineData(400, "ThrottlingException", false)]
    [InlineData(500, "SignatureDoesNotMatch", false)]
    public void Clock_skew_codes_are_the_AWS_SDKs_list_on_a_4xx(int status, string code, bool skew) =>
        Assert.Equal(skew, AwsRetryPolicy.IsClockSkew((System.Net.HttpStatusCode)status, code));
}
