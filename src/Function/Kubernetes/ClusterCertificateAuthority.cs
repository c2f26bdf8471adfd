using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace EcrPublicLambda.Kubernetes;

/// <summary>The cluster's CA as EKS <c>DescribeCluster</c> gives it (base64 of PEM), as a trust store.</summary>
internal static class ClusterCertificateAuthority
{
    /// <summary>Decodes the base64 PEM bundle. Throws <see cref="ArgumentException"/> with a clear message when it is not one.</summary>
    internal static X509Certificate2Collection Parse(string certificateAuthorityBase64)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(certificateAuthorityBase64);
        string pem;
        try
        {
            pem = Encoding.ASCII.GetString(Convert.FromBase64String(certificateAuthorityBase64.Trim()));
        }
        catch (FormatException)
        {
            throw new ArgumentException("the cluster's certificate authority is not base64", nameof(certificateAuthorityBase64));
        }

        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(pem);
        }
        catch (CryptographicException)
        {
            throw new ArgumentException("the cluster's certificate authority is not a PEM certificate", nameof(certificateAuthorityBase64));
        }

        if (certificates.Count == 0)
        {
            throw new ArgumentException("the cluster's certificate authority holds no PEM certificate", nameof(certificateAuthorityBase64));
        }

        return certificates;
    }

    /// <summary>
    /// A chain policy that trusts the cluster's CA and nothing else (not the system roots), and builds the chain from
    /// what the server sent and that CA only: no revocation check and no download (AIA issuer URLs, CRLs, OCSP), so a
    /// handshake never reaches out to a URL a certificate names.
    /// </summary>
    internal static X509ChainPolicy TrustOnly(X509Certificate2Collection authorities)
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            DisableCertificateDownloads = true,
        };
        policy.CustomTrustStore.AddRange(authorities);
        return policy;
    }
}
