using System.Text;
using System.Text.Json;
using EcrPublicLambda.Fakes;
using EcrPublicLambda.Tests.Kubernetes;
using Microsoft.Extensions.Time.Testing;

namespace EcrPublicLambda.Tests.Fakes;

/// <summary>The fake's token check against tokens made by the real <c>aws eks get-token</c>, and the ways it must say no.</summary>
public sealed class FakeKubernetesAuthenticatorTests
{
    private static readonly DateTimeOffset SignedAt = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static string GoldenToken(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Kubernetes", file)));
        return document.RootElement.GetProperty("status").GetProperty("token").GetString()!;
    }

    private static FakeKubernetesAuthenticator Authenticator(DateTimeOffset now, string cluster = "prod-eu", string region = "eu-west-1") => new(
        cluster,
        region,
        new Dictionary<string, FakeKubernetesCredential> { [FakeKubernetesCredential.Example.AccessKeyId] = FakeKubernetesCredential.Example },
        new FakeTimeProvider(now));

    private static string? Failure(string token, DateTimeOffset? now = null, string cluster = "prod-eu", string region = "eu-west-1")
    {
        var user = Authenticator(now ?? SignedAt.AddMinutes(5), cluster, region).Authenticate("Bearer " + token, out var failure);
        Assert.Equal(failure is null, user is not null);
        return failure;
    }

    private static string Rewrap(string token, Func<string, string> changeUrl)
    {
        var encoded = token["k8s-aws-v1.".Length..].Replace('-', '+').Replace('_', '/');
        var url = Encoding.UTF8.GetString(Convert.FromBase64String(encoded + new string('=', (4 - (encoded.Length % 4)) % 4)));
        return "k8s-aws-v1." + FakeKubernetesSigV4.Base64Url(Encoding.UTF8.GetBytes(changeUrl(url)));
    }

    [Theory]
    [InlineData("aws-eks-get-token.json")]
    [InlineData("aws-eks-get-token-session.json")]
    public void Accepts_the_tokens_aws_eks_get_token_makes(string file)
    {
        var user = Authenticator(SignedAt.AddMinutes(14)).Authenticate("Bearer " + GoldenToken(file), out var failure);

        Assert.Null(failure);
        Assert.Equal(FakeKubernetesCredential.Example.UserName, user);
    }

    [Fact]
    public void Mints_exactly_the_tokens_aws_eks_get_token_makes()
    {
        var key = FakeKubernetesCredential.Example;
        Assert.Equal(GoldenToken("aws-eks-get-token.json"),
            FakeKubernetesSigV4.MintToken("prod-eu", "eu-west-1", key.AccessKeyId, key.SecretAccessKey, null, SignedAt));
        Assert.Equal(GoldenToken("aws-eks-get-token-session.json"),
            FakeKubernetesSigV4.MintToken("prod-eu", "eu-west-1", key.AccessKeyId, key.SecretAccessKey, "FwoGZXIvYXdzEXAMPLESESSIONTOKEN+/=", SignedAt));
    }

    [Fact]
    public void Remembers_an_accepted_token_for_two_minutes_like_the_API_servers_webhook_cache()
    {
        var clock = new FakeTimeProvider(SignedAt.AddMinutes(14));
        var authenticator = new FakeKubernetesAuthenticator(
            "prod-eu",
            "eu-west-1",
            new Dictionary<string, FakeKubernetesCredential> { [FakeKubernetesCredential.Example.AccessKeyId] = FakeKubernetesCredential.Example },
            clock);
        var header = "Bearer " + GoldenToken("aws-eks-get-token.json");
        Assert.NotNull(authenticator.Authenticate(header, out _));

        // Past its 15-minute window but within the cache's two minutes: accepted, as a real API server would.
        clock.Advance(TimeSpan.FromMinutes(1.5));
        Assert.Equal(FakeKubernetesCredential.Example.UserName, authenticator.Authenticate(header, out var cachedFailure));
        Assert.Null(cachedFailure);

        // Once the cache entry is older than two minutes the token is checked again, and is now expired.
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(authenticator.Authenticate(header, out var failure));
        Assert.StartsWith("token is expired", failure, StringComparison.Ordinal);

        // A rejected token is never remembered: a tampered one fails every time.
        var tampered = "Bearer " + Rewrap(GoldenToken("aws-eks-get-token.json"), url => url.Replace("Action=GetCallerIdentity", "Action=GetSessionToken", StringComparison.Ordinal));
        Assert.Null(authenticator.Authenticate(tampered, out _));
        Assert.Null(authenticator.Authenticate(tampered, out _));
    }

    [Fact]
    public void Rejects_a_token_signed_for_another_cluster_or_region()
    {
        var token = GoldenToken("aws-eks-get-token.json");

        Assert.Equal("signature does not match", Failure(token, cluster: "prod-us"));
        Assert.Equal("URL is not https://sts.us-east-1.amazonaws.com", Failure(token, region: "us-east-1"));
    }

    [Fact]
    public void Rejects_a_token_outside_the_15_minute_window()
    {
        var token = GoldenToken("aws-eks-get-token.json");

        Assert.Null(Failure(token, SignedAt.AddMinutes(15)));
        Assert.StartsWith("token is expired", Failure(token, SignedAt.AddMinutes(15).AddSeconds(1)), StringComparison.Ordinal);
        Assert.StartsWith("token is expired", Failure(token, SignedAt.AddMinutes(-16)), StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_tampering_with_the_presigned_URL()
    {
        var token = GoldenToken("aws-eks-get-token.json");

        Assert.Equal("signature does not match", Failure(Rewrap(token, url => url.Replace("X-Amz-Expires=60", "X-Amz-Expires=900", StringComparison.Ordinal))));
        Assert.Equal("signature does not match", Failure(Rewrap(token, url => url[..^1] + (url[^1] == '0' ? '1' : '0'))));
        Assert.Equal("query parameter X-Amz-Extra is not allowed", Failure(Rewrap(token, url => url + "&X-Amz-Extra=1")));
        Assert.Equal("action is not GetCallerIdentity", Failure(Rewrap(token, url => url.Replace("GetCallerIdentity", "AssumeRole", StringComparison.Ordinal))));
        Assert.Equal("URL is not https://sts.eu-west-1.amazonaws.com", Failure(Rewrap(token, url => url.Replace("https://", "http://", StringComparison.Ordinal))));
        Assert.Equal("URL path is not /", Failure(Rewrap(token, url => url.Replace(".com/?", ".com/x?", StringComparison.Ordinal))));
        Assert.Equal("x-k8s-aws-id is not a signed header", Failure(Rewrap(token, url => url.Replace("host%3Bx-k8s-aws-id", "host", StringComparison.Ordinal))));
        Assert.Equal("query parameter Action is repeated", Failure(Rewrap(token, url => url + "&Action=GetCallerIdentity")));
    }

    [Fact]
    public void Rejects_malformed_tokens_and_unknown_keys()
    {
        var token = GoldenToken("aws-eks-get-token.json");
        var key = FakeKubernetesCredential.Example;

        Assert.Equal("token lacks the k8s-aws-v1. prefix", Failure(token["k8s-aws-v1.".Length..]));
        Assert.Equal("token is not base64url without padding", Failure(token + "=="));
        Assert.Equal("unknown access key", Failure(FakeKubernetesSigV4.MintToken("prod-eu", "eu-west-1", "AKIAOTHEREXAMPLE", key.SecretAccessKey, null, SignedAt)));
        Assert.Null(Authenticator(SignedAt).Authenticate(null, out var missing));
        Assert.Equal("no bearer token", missing);
    }
}
