using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EcrPublicLambda.Kubernetes;

namespace EcrPublicLambda.Tests.Kubernetes;

public sealed class ClusterCertificateAuthorityTests
{
    [Fact]
    public void The_chain_policy_trusts_the_cluster_CA_only_and_never_downloads_or_checks_revocation()
    {
        using var root = Authority("CN=cluster-ca", null);
        var policy = ClusterCertificateAuthority.TrustOnly([root]);

        Assert.Equal(X509ChainTrustMode.CustomRootTrust, policy.TrustMode);
        Assert.Equal(X509RevocationMode.NoCheck, policy.RevocationMode);
        Assert.True(policy.DisableCertificateDownloads);
        Assert.Equal([root.Thumbprint], policy.CustomTrustStore.Select(c => c.Thumbprint));
    }

    [Fact]
    public void A_missing_intermediate_is_not_fetched_from_the_URL_the_certificate_names()
    {
        // The leaf names where its issuer can be downloaded (AIA caIssuers): a loopback port that would see the fetch.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var issuerUrl = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/intermediate.crt";
        using var root = Authority("CN=cluster-ca", null);
        using var intermediate = Authority("CN=intermediate", root);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=kubernetes", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509AuthorityInformationAccessExtension(null, [issuerUrl]));
        using var leaf = request.Create(intermediate, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1), [1, 2, 3, 4]);

        using var chain = new X509Chain { ChainPolicy = ClusterCertificateAuthority.TrustOnly([root]) };
        var trusted = chain.Build(leaf);

        Assert.False(trusted);
        Assert.False(listener.Pending(), "the chain check tried to download the intermediate");
    }

    private static X509Certificate2 Authority(string subject, X509Certificate2? issuer)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var from = DateTimeOffset.UtcNow.AddMinutes(-10);
        var to = DateTimeOffset.UtcNow.AddHours(2);
        if (issuer is null)
        {
            return request.CreateSelfSigned(from, to);
        }

        using var signed = request.Create(issuer, from, to, [9, 8, 7, 6]);
        return signed.CopyWithPrivateKey(key);
    }
}
