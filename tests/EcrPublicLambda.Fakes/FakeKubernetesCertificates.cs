using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace EcrPublicLambda.Fakes;

/// <summary>A throwaway CA made in the test and a server certificate for 127.0.0.1/localhost issued by it.</summary>
internal sealed class FakeKubernetesCertificates : IDisposable
{
    private FakeKubernetesCertificates(X509Certificate2 authority, X509Certificate2 server)
    {
        Authority = authority;
        Server = server;
    }

    internal X509Certificate2 Authority { get; }

    internal X509Certificate2 Server { get; }

    /// <summary>The CA as EKS <c>DescribeCluster</c> gives it: base64 of the PEM text.</summary>
    internal string AuthorityBase64Pem =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(Authority.ExportCertificatePem() + "\n"));

    /// <summary>
    /// A CA and a server certificate it issued for <paramref name="serverNames"/> (default: 127.0.0.1 and localhost, the
    /// fake's own address; other names make a certificate signed by the right CA for the wrong server).
    /// </summary>
    internal static FakeKubernetesCertificates Create(string caName, IReadOnlyList<string>? serverNames = null)
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN={caName}", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var authority = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=kube-apiserver", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in serverNames ?? ["127.0.0.1", "localhost"])
        {
            if (IPAddress.TryParse(name, out var address))
            {
                names.AddIpAddress(address);
            }
            else
            {
                names.AddDnsName(name);
            }
        }

        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var serial = new byte[8];
        RandomNumberGenerator.Fill(serial);
        serial[0] &= 0x7F;
        using var issued = serverRequest.Create(authority, now.AddDays(-1), now.AddDays(29), serial);
        var server = issued.CopyWithPrivateKey(serverKey);
        return new FakeKubernetesCertificates(authority, server);
    }

    public void Dispose()
    {
        Authority.Dispose();
        Server.Dispose();
    }
}
