using EcrPublicLambda.Kubernetes;

namespace EcrPublicLambda.Refresh;

/// <summary>
/// Gives a cluster's Lease back when the cluster's work ends, however it ends (<see cref="RunLeases"/>). A run cut short
/// by its deadline leaves the Lease to expire: the time left belongs to the report.
/// </summary>
internal sealed class LeaseRelease(KubernetesCluster kube, LeaseHold hold, CancellationToken cancellationToken) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return;
        }

        try
        {
            await kube.ReleaseLeaseAsync(hold, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
