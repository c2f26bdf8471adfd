using System.Security.Cryptography.X509Certificates;
using EcrPublicLambda.Common;

namespace EcrPublicLambda.Kubernetes;

/// <summary>
/// How one connection authenticates to its API server: a bearer token (asked of <see cref="BearerToken"/>, cached by
/// the transport) or a client certificate for mutual TLS, or both. <see cref="Renewable"/> says whether asking the
/// token function again may give another token (an EKS token is signed afresh; a token read from a secret is not),
/// so that a 401 is retried with a fresh one only when there can be one. <see cref="RefusedMessage"/>, when set, is
/// the whole error of a 401. The holder disposes it when the run is over: credentials read from a secret live no
/// longer than the run.
/// </summary>
internal sealed class KubernetesCredential : IDisposable
{
    private KubernetesCredential(
        Func<CancellationToken, ValueTask<string>>? bearerToken,
        X509Certificate2? clientCertificate,
        X509Certificate2Collection? clientChain,
        bool renewable,
        string? refusedMessage)
    {
        BearerToken = bearerToken;
        ClientCertificate = clientCertificate;
        ClientChain = clientChain ?? [];
        Renewable = renewable;
        RefusedMessage = refusedMessage;
    }

    internal Func<CancellationToken, ValueTask<string>>? BearerToken { get; }

    /// <summary>The client certificate with its private key; null for a bearer token only.</summary>
    internal X509Certificate2? ClientCertificate { get; }

    /// <summary>Intermediate certificates sent with <see cref="ClientCertificate"/> (the PEM's other certificates).</summary>
    internal X509Certificate2Collection ClientChain { get; }

    internal bool Renewable { get; }

    internal string? RefusedMessage { get; }

    /// <summary>A token function asked again when the cached token ages out or is refused (EKS).</summary>
    internal static KubernetesCredential RenewableToken(Func<CancellationToken, ValueTask<string>> bearerToken) =>
        new(bearerToken, null, null, renewable: true, refusedMessage: null);

    /// <summary>One fixed token (read from a secret); a 401 is final and reads <paramref name="refusedMessage"/>.</summary>
    internal static KubernetesCredential FixedToken(string token, string refusedMessage)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        return new(_ => ValueTask.FromResult(token), null, null, renewable: false, refusedMessage);
    }

    /// <summary>A client certificate with its key (and intermediates); a 401 is final and reads <paramref name="refusedMessage"/>.</summary>
    internal static KubernetesCredential Certificate(X509Certificate2 certificate, X509Certificate2Collection chain, string refusedMessage)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return new(null, certificate, chain, renewable: false, refusedMessage);
    }

    public void Dispose()
    {
        ClientCertificate?.Dispose();
        foreach (var certificate in ClientChain)
        {
            certificate.Dispose();
        }
    }

    public override string ToString() =>
        $"KubernetesCredential({(BearerToken is null ? "client certificate" : "bearer token")}: {Redaction.Marker})";
}
