using System.Text.Json;

namespace EcrPublicLambda.Kubernetes;

/// <summary>
/// The read-only side of a status: a service account's entry for the pull Secret. The Secret itself is read by
/// <see cref="ListSecretsAsync"/> or <see cref="ReadSecretAsync"/> (<c>KubernetesCluster.Lists.cs</c>). Nothing here writes.
/// </summary>
internal sealed partial class KubernetesCluster
{
    /// <summary>Whether service account <paramref name="serviceAccount"/> lists <paramref name="secretName"/> (one GET, no write).</summary>
    internal async Task<(PullSecretEntry Entry, string? Error)> ReadPullSecretEntryAsync(string ns, string serviceAccount, string secretName, CancellationToken cancellationToken)
    {
        var path = $"/api/v1/namespaces/{Uri.EscapeDataString(ns)}/serviceaccounts/{Uri.EscapeDataString(serviceAccount)}";
        var response = await transport.SendAsync(HttpMethod.Get, path, null, null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == 404)
        {
            return (PullSecretEntry.NoServiceAccount, $"service account \"{serviceAccount}\" not found in namespace \"{ns}\"");
        }

        if (response.StatusCode != 200)
        {
            return (PullSecretEntry.Failed, KubernetesErrors.Describe(response));
        }

        try
        {
            if (JsonSerializer.Deserialize(response.Body, KubernetesJsonContext.Default.V1ServiceAccount) is { } account)
            {
                return (account.ImagePullSecrets?.Any(entry => string.Equals(entry.Name, secretName, StringComparison.Ordinal)) == true
                    ? PullSecretEntry.Present
                    : PullSecretEntry.Absent, null);
            }
        }
        catch (JsonException)
        {
        }

        return (PullSecretEntry.Failed, "the API server returned an unreadable service account");
    }
}
