namespace EcrPublicLambda.Fakes;

/// <summary>How a <see cref="FakeKubernetesServer"/> is set up: its cluster identity, clock, known keys and first namespaces.</summary>
internal sealed record FakeKubernetesOptions
{
    /// <summary>The EKS cluster name: the <c>x-k8s-aws-id</c> value a token must be signed with.</summary>
    internal string ClusterName { get; init; } = "prod-eu";

    /// <summary>The region: tokens must name <c>sts.REGION.amazonaws.com</c> and be scoped to it.</summary>
    internal string Region { get; init; } = "eu-west-1";

    /// <summary>The fake's clock (token age, timestamps).</summary>
    internal TimeProvider Clock { get; init; } = TimeProvider.System;

    internal IReadOnlyList<FakeKubernetesCredential> Credentials { get; init; } = [FakeKubernetesCredential.Example];

    internal IReadOnlyList<string> Namespaces { get; init; } = ["default", "kube-system"];

    /// <summary>Serve a certificate from another CA than the one <see cref="FakeKubernetesServer.CertificateAuthority"/> gives (TLS failure tests).</summary>
    internal bool ServeCertificateFromAnotherCa { get; init; }

    /// <summary>The names its server certificate carries (IP or DNS subject alternative names); default 127.0.0.1 and localhost.</summary>
    internal IReadOnlyList<string>? ServerCertificateNames { get; init; }

    /// <summary>
    /// Serve a certificate that the cluster's own CA signed, but for another server's name (not 127.0.0.1 or localhost):
    /// the chain is valid, the name is not.
    /// </summary>
    internal bool ServeCertificateForAnotherName { get; init; }

    /// <summary>
    /// Speak HTTP/1.1 only, as an API server behind a proxy without h2 does: the TLS handshake offers ALPN
    /// <c>http/1.1</c> alone, so a client asking for h2 falls back to HTTP/1.1, one request per connection at a time.
    /// </summary>
    internal bool Http1Only { get; init; }
}
