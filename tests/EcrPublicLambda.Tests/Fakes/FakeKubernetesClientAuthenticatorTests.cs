using System.Security.Cryptography.X509Certificates;
using EcrPublicLambda.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace EcrPublicLambda.Tests.Fakes;

/// <summary>The fake's x509 and ServiceAccount-token authenticators judge as kube-apiserver's do (claims.go, x509.go).</summary>
public sealed class FakeKubernetesClientAuthenticatorTests
{
    [Fact]
    public void A_token_passes_until_one_minute_of_leeway_after_its_exp_and_not_after_revocation()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        using var certificates = FakeKubernetesCertificates.Create("ca");
        var authenticator = new FakeKubernetesClientAuthenticator(certificates.Authority, clock);
        var token = authenticator.IssueToken("ns", "sa", clock.GetUtcNow().AddHours(1));

        Assert.Equal(("system:serviceaccount:ns:sa", null), authenticator.AuthenticateToken("Bearer " + token));
        clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(59));
        Assert.Equal(("system:serviceaccount:ns:sa", null), authenticator.AuthenticateToken("Bearer " + token));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal((null, "service account token has expired"), authenticator.AuthenticateToken("Bearer " + token));

        var other = authenticator.IssueToken("ns", "sa", clock.GetUtcNow().AddHours(1));
        authenticator.Revoke(other);
        Assert.Equal((null, "service account token has been invalidated"), authenticator.AuthenticateToken("Bearer " + other));

        // Not a JWT (an EKS token): not this authenticator's to judge.
        Assert.Equal((null, null), authenticator.AuthenticateToken("Bearer k8s-aws-v1.aHR0cHM6Ly9zdHM"));
    }

    [Fact]
    public void A_certificate_of_its_ca_gives_the_cn_as_user_and_the_o_as_group_and_one_of_another_ca_fails()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var ours = FakeKubernetesCertificates.Create("ours");
        using var theirs = FakeKubernetesCertificates.Create("theirs");
        var authenticator = new FakeKubernetesClientAuthenticator(ours.Authority, clock);

        var (pem, key) = FakeKubernetesClientAuthenticator.IssueCertificate(ours.Authority, "refresher", "ecr-public-lambda", DateTimeOffset.UtcNow.AddDays(1));
        using var good = X509Certificate2.CreateFromPem(pem, key);
        var (user, groups, failure) = authenticator.AuthenticateCertificate(good);
        Assert.Equal(("refresher", null), (user, failure));
        Assert.Equal(["ecr-public-lambda"], groups);

        var (strangerPem, strangerKey) = FakeKubernetesClientAuthenticator.IssueCertificate(theirs.Authority, "refresher", "ecr-public-lambda", DateTimeOffset.UtcNow.AddDays(1));
        using var stranger = X509Certificate2.CreateFromPem(strangerPem, strangerKey);
        Assert.Equal("client certificate does not verify against the client CA", authenticator.AuthenticateCertificate(stranger).Failure);
        Assert.Null(authenticator.AuthenticateCertificate(null).Failure);
    }
}
