using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace EcrPublicLambda.Tests.Configuration;

/// <summary>Real certificates made at run time, encoded as EKS DescribeCluster returns a cluster CA.</summary>
internal static class TestCertificates
{
    /// <summary>A fresh self-signed CA certificate: base64 of its PEM.</summary>
    internal static string CreateCaBase64()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=kubernetes", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        return Base64(certificate.ExportCertificatePem() + "\n");
    }

    internal static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
