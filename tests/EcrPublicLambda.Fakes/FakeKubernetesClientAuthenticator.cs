using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace EcrPublicLambda.Fakes;

/// <summary>
/// The API server's other two authenticators, as kube-apiserver unions them before the webhook (EKS's):
/// <list type="bullet">
/// <item>x509 (<c>staging/src/k8s.io/apiserver/pkg/authentication/request/x509/x509.go</c>): the TLS layer only
/// requests a client certificate (<c>tls.RequestClientCert</c>); the authenticator then verifies its chain against the
/// client CA (here the cluster CA, as kubeadm sets <c>--client-ca-file</c>) with the client-auth usage, and the user
/// is the subject's CN, its groups the O values. A certificate that does not verify is an error, and the request goes on
/// to the token authenticators (the union, <c>request/union/union.go</c>, tries each in turn).</item>
/// <item>ServiceAccount tokens (<c>pkg/serviceaccount/jwt.go</c>, <c>claims.go</c>): a JWT whose signature the server
/// made, not past its <c>exp</c> on the server's clock (go-jose's <c>Validate</c>, with its default leeway of one
/// minute: "service account token has expired"), and still backed by a live ServiceAccount: a revoked token (its
/// Secret or ServiceAccount deleted) is refused ("service account token has been invalidated"). The fake keeps the tokens it issued in a table;
/// the signature is random bytes it remembers, not a real JWS.</item>
/// </list>
/// Neither ever sees a token or key leave this class in a message.
/// </summary>
internal sealed class FakeKubernetesClientAuthenticator(X509Certificate2 clientAuthority, TimeProvider clock)
{
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    /// <summary>go-jose's <c>jwt.DefaultLeeway</c>, which <c>claims.go</c> validates <c>exp</c> with.</summary>
    internal static readonly TimeSpan ExpiryLeeway = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, (string User, DateTimeOffset ExpiresAt)> tokens = new(StringComparer.Ordinal);

    /// <summary>
    /// Issues a JWT-shaped ServiceAccount token (<c>system:serviceaccount:NS:NAME</c>), as TokenRequest
    /// (<c>kubectl create token --duration</c>) does, valid until <paramref name="expiresAt"/>.
    /// </summary>
    internal string IssueToken(string ns, string serviceAccount, DateTimeOffset expiresAt)
    {
        var user = $"system:serviceaccount:{ns}:{serviceAccount}";
        static string Part(string json) => Base64Url(Encoding.UTF8.GetBytes(json));
        var header = Part("""{"alg":"RS256","kid":"fake"}""");
        var payload = Part($$"""{"aud":["https://kubernetes.default.svc"],"exp":{{expiresAt.ToUnixTimeSeconds()}},"iat":{{clock.GetUtcNow().ToUnixTimeSeconds()}},"iss":"https://kubernetes.default.svc","sub":"{{user}}"}""");
        var signature = Base64Url(RandomNumberGenerator.GetBytes(32));
        var token = $"{header}.{payload}.{signature}";
        tokens[token] = (user, expiresAt);
        return token;
    }

    /// <summary>Revokes a token (its ServiceAccount or Secret was deleted): from now on it is refused.</summary>
    internal void Revoke(string token) => tokens.TryRemove(token, out _);

    /// <summary>Issues a client certificate for <paramref name="commonName"/> in group <paramref name="organization"/>, signed by the client CA.</summary>
    internal static (string CertificatePem, string KeyPem) IssueCertificate(X509Certificate2 authority, string commonName, string organization, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}, O={organization}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ClientAuthOid)], false));
        var serial = RandomNumberGenerator.GetBytes(8);
        serial[0] &= 0x7F;
        using var issued = request.Create(authority, DateTimeOffset.UtcNow.AddDays(-1), notAfter, serial);
        return (issued.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>The user of a verified client certificate, or null with why it did not verify (null failure: none was sent).</summary>
    internal (string? User, IReadOnlyList<string> Groups, string? Failure) AuthenticateCertificate(X509Certificate2? certificate)
    {
        if (certificate is null)
        {
            return (null, [], null);
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(clientAuthority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(ClientAuthOid));
        chain.ChainPolicy.VerificationTime = clock.GetUtcNow().UtcDateTime;
        if (!chain.Build(certificate))
        {
            return (null, [], "client certificate does not verify against the client CA");
        }

        var name = certificate.SubjectName;
        var commonName = certificate.GetNameInfo(X509NameType.SimpleName, false);
        var groups = name.EnumerateRelativeDistinguishedNames()
            .Where(rdn => rdn.GetSingleElementType().Value == "2.5.4.10")
            .Select(rdn => rdn.GetSingleElementValue() ?? string.Empty)
            .ToList();
        return string.IsNullOrEmpty(commonName) ? (null, [], "client certificate has no CN") : (commonName, groups, null);
    }

    /// <summary>The user of a ServiceAccount token this server issued, or null with why not; null failure: not one of ours.</summary>
    internal (string? User, string? Failure) AuthenticateToken(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null);
        }

        var token = authorization["Bearer ".Length..].Trim();
        if (token.Split('.').Length != 3)
        {
            return (null, null);
        }

        if (!tokens.TryGetValue(token, out var issued))
        {
            return (null, "service account token has been invalidated");
        }

        return clock.GetUtcNow() > issued.ExpiresAt + ExpiryLeeway ? (null, "service account token has expired") : (issued.User, null);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
