using System.Globalization;
using System.Net;
using System.Text.Json;
using k8s.Models;

namespace EcrPublicLambda.Kubernetes;

/// <summary>
/// The read-only side: the pull Secret across the cluster or in one namespace, and a service account's entry for it.
/// Nothing here writes. A Secret's payload is parsed only for the registry host names it has entries for; no
/// credential is kept.
/// </summary>
internal sealed partial class KubernetesCluster
{
    /// <summary>Items per page of a cluster-wide list (the API server hands back a <c>continue</c> token for the rest).</summary>
    internal const int ListPageSize = 500;

    /// <summary>
    /// Every Secret named <paramref name="name"/> in the cluster: <c>GET /api/v1/secrets?fieldSelector=metadata.name=NAME</c>,
    /// paged with <c>limit</c>/<c>continue</c> (kube-apiserver <c>staging/src/k8s.io/apiserver/pkg/endpoints/handlers/get.go</c>
    /// ListResource; <c>metadata.name</c> is a field label every object supports). A 403 means RBAC grants no
    /// cluster-wide <c>list</c> of Secrets: the caller falls back to one GET per namespace.
    /// </summary>
    internal async Task<SecretListing> ListSecretsAsync(string name, CancellationToken cancellationToken)
    {
        var found = new List<SecretSnapshot>();
        string? next = null;
        do
        {
            var path = $"/api/v1/secrets?fieldSelector={Uri.EscapeDataString("metadata.name=" + name)}&limit={ListPageSize}"
                + (next is null ? string.Empty : "&continue=" + Uri.EscapeDataString(next));
            var response = await transport.SendAsync(HttpMethod.Get, path, null, null, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == (int)HttpStatusCode.Forbidden)
            {
                return new SecretListing(null, Forbidden: true, $"listing Secrets across the cluster is not allowed: {KubernetesErrors.Describe(response)}");
            }

            if (response.StatusCode != 200)
            {
                return new SecretListing(null, Forbidden: false, $"listing Secrets failed: {KubernetesErrors.Describe(response)}");
            }

            V1SecretList? list;
            try
            {
                list = JsonSerializer.Deserialize(response.Body, KubernetesJsonContext.Default.V1SecretList);
            }
            catch (JsonException)
            {
                list = null;
            }

            if (list?.Items is not { } items || items.Any(item => item?.Metadata?.NamespaceProperty is not { Length: > 0 }))
            {
                return new SecretListing(null, Forbidden: false, "listing Secrets failed: the API server returned an unreadable SecretList");
            }

            // A server that ignored the field selector would hand back every Secret: keep only the name asked for.
            found.AddRange(items.Where(item => string.Equals(item.Metadata.Name, name, StringComparison.Ordinal)).Select(Snapshot));
            next = list.Metadata?.ContinueProperty is { Length: > 0 } token ? token : null;
        }
        while (next is not null);

        return new SecretListing(found, Forbidden: false, null);
    }

    /// <summary>
    /// Secret <paramref name="name"/> in <paramref name="ns"/> (<c>GET</c>): the snapshot; null with no error when there is
    /// none; null and the reason when it could not be read.
    /// </summary>
    internal async Task<(SecretSnapshot? Secret, string? Error)> ReadSecretAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var path = $"/api/v1/namespaces/{Uri.EscapeDataString(ns)}/secrets/{Uri.EscapeDataString(name)}";
        var response = await transport.SendAsync(HttpMethod.Get, path, null, null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == 404)
        {
            return (null, null);
        }

        if (response.StatusCode != 200)
        {
            return (null, $"reading the Secret failed: {KubernetesErrors.Describe(response)}");
        }

        try
        {
            if (JsonSerializer.Deserialize(response.Body, KubernetesJsonContext.Default.V1Secret) is { Metadata: not null } secret)
            {
                secret.Metadata.NamespaceProperty ??= ns;
                return (Snapshot(secret), null);
            }
        }
        catch (JsonException)
        {
        }

        return (null, "reading the Secret failed: the API server returned an unreadable Secret");
    }

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

    /// <summary>
    /// What a Secret as read tells: ownership (<see cref="SecretOwnership"/>), the last write by our field manager (its
    /// <c>managedFields</c> time; else the creation time), our expiry annotation, and the registry hosts of its
    /// <c>.dockerconfigjson</c> (the <c>auths</c> keys only: the credentials are never read out).
    /// </summary>
    private static SecretSnapshot Snapshot(V1Secret secret)
    {
        var metadata = secret.Metadata;
        var written = metadata.ManagedFields?
            .Where(entry => entry is { Time: not null } && string.Equals(entry.Manager, FieldManager, StringComparison.Ordinal))
            .Select(entry => (DateTimeOffset?)new DateTimeOffset(DateTime.SpecifyKind(entry.Time!.Value, DateTimeKind.Utc)))
            .Max()
            ?? (metadata.CreationTimestamp is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : null);
        DateTimeOffset? expires = metadata.Annotations is { } annotations
            && annotations.TryGetValue(ExpiresAtAnnotation, out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
                ? parsed
                : null;
        return new SecretSnapshot(metadata.NamespaceProperty, secret.Type, SecretOwnership.WhyNotOurs(metadata), written, expires, RegistriesOf(secret));
    }

    private static IReadOnlyList<string> RegistriesOf(V1Secret secret)
    {
        if (secret.Data is null || !secret.Data.TryGetValue(DockerConfigKey, out var payload) || payload is null)
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("auths", out var auths)
                && auths.ValueKind == JsonValueKind.Object
                ? [.. auths.EnumerateObject().Select(entry => entry.Name).Order(StringComparer.Ordinal)]
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
        finally
        {
            Array.Clear(payload);
        }
    }
}
