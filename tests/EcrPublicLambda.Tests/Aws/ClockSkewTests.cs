using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Text;
using EcrPublicLambda.Aws;
using EcrPublicLambda.Fakes;
using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Tests.Aws;

/// <summary>The clients on a machine whose clock is 20 minutes off AWS's (the fake's): one correction, then every call and token is right.</summary>
public sealed class ClockSkewTests
{
    [Theory]
    [InlineData(20)]
    [InlineData(-20)]
    public async Task A_skew_error_corrects_the_clock_from_Date_and_the_request_is_sent_once_more(int minutes)
    {
        await using var aws = await AwsHarness.StartSkewedAsync(TimeSpan.FromMinutes(minutes));

        var token = await aws.Clients.GetEcrPublicTokenAsync(CancellationToken.None);

        Assert.Equal("AWS", token.Username);
        AssertOffset(TimeSpan.FromMinutes(minutes), aws.Clients.ClockOffset);
        var (refused, accepted) = (aws.Server.Requests[0], aws.Server.Requests[1]);
        Assert.Equal(2, aws.Server.Requests.Count);
        Assert.Equal(Stamp(aws.Clock.GetUtcNow()), refused.Headers["X-Amz-Date"]);
        Assert.Equal(Stamp(aws.Clock.GetUtcNow() + aws.ClockSkew), accepted.Headers["X-Amz-Date"]);
        Assert.Null(accepted.SignatureProblem);
        Assert.Empty(aws.Waits);
        var line = Assert.Single(aws.Time.Logger.Collector.GetSnapshot(), r => r.Id.Id == 206);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Contains(" s from this machine's clock", line.Message, StringComparison.Ordinal);
        Assert.EndsWith("sending the request again", line.Message, StringComparison.Ordinal);

        // Every later call is signed with the corrected time at once: DescribeCluster needs no second try.
        aws.Server.AddCluster(new FakeEksCluster("prod", "eu-west-1", "https://example.invalid", "Q0E="));
        await aws.Clients.DescribeClusterAsync("prod", "eu-west-1", await aws.CallerAsync(), CancellationToken.None);
        Assert.Equal(1, aws.Server.Count(FakeAwsOperation.DescribeCluster));
    }

    [Theory]
    [InlineData(20)]
    [InlineData(-20)]
    public async Task The_EKS_token_is_signed_with_the_corrected_time_and_expires_by_the_machine_clock(int minutes)
    {
        await using var aws = await AwsHarness.StartSkewedAsync(TimeSpan.FromMinutes(minutes));
        var caller = await aws.CallerAsync();
        var before = aws.Clients.CreateBearerToken(caller, "prod", "eu-west-1");
        await aws.Clients.GetEcrPublicTokenAsync(CancellationToken.None);

        var after = aws.Clients.CreateBearerToken(caller, "prod", "eu-west-1");

        var machine = aws.Clock.GetUtcNow();
        Assert.Equal(Stamp(machine), AmzDate(before));
        Assert.Equal(Stamp(machine + aws.ClockSkew), AmzDate(after));
        // The machine's clock reads the expiry: 14 minutes from its now (a Date has whole seconds: within one).
        Assert.InRange(after.ExpiresAt, machine + EksTokenFactory.TokenLifetime - TimeSpan.FromSeconds(1), machine + EksTokenFactory.TokenLifetime);

        // The API server's authenticator, on AWS's clock, refuses the first and accepts the second.
        var authenticator = new FakeKubernetesAuthenticator(
            "prod",
            "eu-west-1",
            new Dictionary<string, FakeKubernetesCredential> { [FakeAwsServer.AccessKeyId] = new(FakeAwsServer.AccessKeyId, FakeAwsServer.SecretAccessKey, "arn:aws:iam::111122223333:user/caller") },
            new FakeSkewedClock(aws.Clock, aws.ClockSkew));
        Assert.Null(authenticator.Authenticate("Bearer " + before.Token, out var refused));
        Assert.StartsWith("token is expired", refused, StringComparison.Ordinal);
        Assert.NotNull(authenticator.Authenticate("Bearer " + after.Token, out var problem));
        Assert.Null(problem);
    }

    [Fact]
    public async Task One_correction_then_a_real_signature_error_is_reported_without_a_loop()
    {
        await using var aws = await AwsHarness.StartSkewedAsync(TimeSpan.FromMinutes(20), ("AWS_SECRET_ACCESS_KEY", "not-the-secret-key-at-all"));

        var e = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Clients.GetEcrPublicTokenAsync(CancellationToken.None));

        Assert.Equal(HttpStatusCode.Forbidden, e.StatusCode);
        Assert.Equal(2, aws.Server.Requests.Count);
        Assert.StartsWith("Signature expired: ", aws.Server.Requests[0].SignatureProblem, StringComparison.Ordinal);
        Assert.Equal("signature does not match the request on the wire", aws.Server.Requests[1].SignatureProblem);
        Assert.Empty(aws.Waits);
    }

    [Fact]
    public async Task A_signature_error_without_skew_is_not_sent_again()
    {
        await using var aws = await AwsHarness.StartSkewedAsync(TimeSpan.FromMinutes(1), ("AWS_SECRET_ACCESS_KEY", "not-the-secret-key-at-all"));

        var e = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Clients.GetEcrPublicTokenAsync(CancellationToken.None));

        Assert.Equal(HttpStatusCode.Forbidden, e.StatusCode);
        Assert.Single(aws.Server.Requests);
        Assert.Equal(TimeSpan.Zero, aws.Clients.ClockOffset);
    }

    [Fact]
    public async Task A_skew_that_AWS_accepts_is_still_corrected_from_a_successful_answer()
    {
        await using var aws = await AwsHarness.StartSkewedAsync(TimeSpan.FromMinutes(-4.5));

        await aws.Clients.GetEcrPublicTokenAsync(CancellationToken.None);

        Assert.Single(aws.Server.Requests);
        AssertOffset(TimeSpan.FromMinutes(-4.5), aws.Clients.ClockOffset);
    }

    private static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The offset is AWS's Date (whole seconds) minus the machine's time: within a second of the skew.</summary>
    private static void AssertOffset(TimeSpan skew, TimeSpan offset) => Assert.InRange(offset, skew - TimeSpan.FromSeconds(1), skew + TimeSpan.FromSeconds(1));

    private static string AmzDate(EksToken token)
    {
        var url = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token.Token.AsSpan(EksTokenFactory.Prefix.Length)));
        var query = new Uri(url).Query.TrimStart('?').Split('&').Select(pair => pair.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        return query["X-Amz-Date"];
    }
}
