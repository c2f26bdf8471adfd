using EcrPublicLambda.Kubernetes;

namespace EcrPublicLambda.Refresh;

/// <summary>
/// What a run needs to reach one cluster: its API server and CA, why it may be out of reach, and how to authenticate.
/// Holds the cluster's credentials for the run only: dispose it when the cluster's work is over.
/// </summary>
internal sealed record ClusterTarget(Uri Endpoint, string Authority, string? UnreachableHint, KubernetesCredential Credential, DateTimeOffset? CredentialsExpireAt)
    : IDisposable
{
    public void Dispose() => Credential.Dispose();
}
