using System.Text.Json;
using EcrPublicLambda.Configuration;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Kubernetes;

/// <summary>
/// The reads of many objects: the namespace list, and the Secrets of one name in every namespace (or, where that list
/// is refused, in one namespace: the same <see cref="ListedSecret"/>). Both lists page with
/// <c>limit</c> and <c>continue</c> (kube-apiserver <c>staging/src/k8s.io/apiserver/pkg/endpoints/handlers/get.go</c>,
/// <c>ListResource</c>; the storage answers a page and the token for the next in <c>metadata.continue</c>).
/// </summary>
internal sealed partial class KubernetesCluster
{
    /// <summary>
    /// Lists the cluster's namespaces (<c>GET /api/v1/namespaces</c>, a cluster-scoped <c>list</c>, paged), with
    /// <paramref name="labelSelector"/> as <c>labelSelector</c> when set: the namespaces with their labels and phase,
    /// or null and the reason.
    /// </summary>
    internal async Task<(IReadOnlyList<ListedNamespace>? Namespaces, string? Error)> ListNamespacesAsync(string? labelSelector, CancellationToken cancellationToken)
    {
        var path = labelSelector is null ? "/api/v1/namespaces" : $"/api/v1/namespaces?labelSelector={Uri.EscapeDataString(labelSelector)}";
        var (items, failed, error) = await ListPagesAsync(path, "NamespaceList", ReadNamespaces, cancellationToken).ConfigureAwait(false);
        return items is null
            ? (null, $"listing the namespaces failed: {error ?? KubernetesErrors.Describe(failed!)}")
            : (items, null);
    }

    /// <summary>
    /// Every Secret named <paramref name="secretName"/>, in every namespace, ours or not (each says whose it is:
    /// <see cref="ListedSecret.WhyNotOurs"/>): one paged <c>GET /api/v1/secrets?fieldSelector=metadata.name=NAME</c>. RBAC
    /// <c>resourceNames</c> can authorize it, because kube-apiserver takes the request's name from an exact
    /// <c>metadata.name</c> field selector on a list (<c>staging/src/k8s.io/apiserver/pkg/endpoints/request/requestinfo.go</c>).
    /// <see cref="SecretListing.Forbidden"/> when the API server refused the list (403: RBAC grants no cluster-wide
    /// <c>list</c>): the caller then reads the namespaces it knows one by one (<see cref="ReadSecretAsync"/>).
    /// </summary>
    internal async Task<SecretListing> ListSecretsAsync(string secretName, CancellationToken cancellationToken)
    {
        var path = $"/api/v1/secrets?fieldSelector={Uri.EscapeDataString("metadata.name=" + secretName)}";
        var (items, failed, error) = await ListPagesAsync(path, "SecretList", body => ReadSecrets(body, secretName), cancellationToken).ConfigureAwait(false);
        return items is not null
            ? new SecretListing(items, Forbidden: false, null)
            : new SecretListing(null, failed?.StatusCode == 403, $"listing the Secrets named \"{secretName}\" failed: {error ?? KubernetesErrors.Describe(failed!)}");
    }

    /// <summary>
    /// Secret <paramref name="name"/> in <paramref name="ns"/> (<c>get</c>): the Secret, or null and no error when there is
    /// none (or no such namespace), or null and the reason.
    /// </summary>
    internal async Task<(ListedSecret? Secret, string? Error)> ReadSecretAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var path = $"/api/v1/namespaces/{Uri.EscapeDataString(ns)}/secrets/{Uri.EscapeDataString(name)}";
        var read = await transport.SendAsync(HttpMethod.Get, path, null, null, cancellationToken).ConfigureAwait(false);
        if (read.StatusCode == 404)
        {
            return (null, null);
        }

        if (read.StatusCode != 200)
        {
            return (null, $"reading the Secret failed: {KubernetesErrors.Describe(read)}");
        }

        try
        {
            if (JsonSerializer.Deserialize(read.Body, KubernetesJsonContext.Default.SecretItem) is { Metadata: not null } item)
            {
                item.Metadata.NamespaceProperty ??= ns;
                if (ListedSecret.From(item) is { } secret)
                {
                    return (secret, null);
                }
            }
        }
        catch (JsonException)
        {
        }

        return (null, "reading the Secret failed: the API server returned an unreadable Secret");
    }

    /// <summary>
    /// Every page of the list at <paramref name="path"/>, <see cref="KubernetesClusterOptions.ListPageSize"/> items at a
    /// time. A <c>continue</c> token the server no longer knows (410 <c>Expired</c>: etcd compacted its snapshot) starts the
    /// list again from the first page, once; a second one ends it with an error naming the cause. The items, or null with
    /// the unsuccessful answer, or null with an error of our own.
    /// </summary>
    private async Task<(List<T>? Items, KubernetesResponse? Failed, string? Error)> ListPagesAsync<T>(
        string path, string kind, Func<byte[], (IEnumerable<T> Items, string? Continue)?> readPage, CancellationToken cancellationToken)
    {
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var items = new List<T>();
        string? next = null;
        var restarted = false;
        var pages = 0;
        while (true)
        {
            var query = $"{path}{separator}limit={options.ListPageSize}" + (next is null ? string.Empty : $"&continue={Uri.EscapeDataString(next)}");
            var response = await transport.SendAsync(HttpMethod.Get, query, null, null, cancellationToken).ConfigureAwait(false);
            if (next is not null && KubernetesErrors.IsExpired(response))
            {
                if (restarted)
                {
                    return (null, null, $"the list's continue token expired twice (410 Expired: the API server compacted its snapshot while the list was read), even after starting again: {KubernetesErrors.Describe(response)}");
                }

                logger.ListRestarted(kind, items.Count);
                restarted = true;
                items.Clear();
                next = null;
                pages = 0;
                continue;
            }

            if (response.StatusCode != 200)
            {
                return (null, response, null);
            }

            if (readPage(response.Body) is not { } page)
            {
                return (null, null, $"the API server returned an unreadable {kind}");
            }

            items.AddRange(page.Items);
            if (string.IsNullOrEmpty(page.Continue))
            {
                return (items, null, null);
            }

            if (++pages >= options.MaxListPages)
            {
                return (null, null, $"the {kind} still went on after {pages} pages of {options.ListPageSize}; gave up");
            }

            next = page.Continue;
        }
    }

    private static (IEnumerable<ListedNamespace> Items, string? Continue)? ReadNamespaces(byte[] body)
    {
        try
        {
            var list = JsonSerializer.Deserialize(body, KubernetesJsonContext.Default.V1NamespaceList);
            if (list?.Items is { } items && items.All(item => item?.Metadata?.Name is { Length: > 0 }))
            {
                return (items.Select(item => new ListedNamespace(
                    item.Metadata.Name,
                    item.Metadata.Labels is { } labels ? new Dictionary<string, string>(labels, StringComparer.Ordinal) : new Dictionary<string, string>(StringComparer.Ordinal),
                    item.Status?.Phase)).ToList(), list.Metadata?.ContinueProperty);
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    /// <summary>
    /// One page of Secrets. A server that ignored the field selector would hand back every Secret: only the name asked
    /// for is kept (and no other Secret's data is read: <see cref="SecretItem"/>).
    /// </summary>
    private static (IEnumerable<ListedSecret> Items, string? Continue)? ReadSecrets(byte[] body, string secretName)
    {
        try
        {
            var list = JsonSerializer.Deserialize(body, KubernetesJsonContext.Default.SecretItemList);
            if (list?.Items is { } items)
            {
                var named = items.Where(item => string.Equals(item?.Metadata?.Name, secretName, StringComparison.Ordinal)).ToList();
                var secrets = named.Select(ListedSecret.From).ToList();
                foreach (var item in items)
                {
                    // The other Secrets' payloads (from a server that ignored the selector) are cleared too.
                    if (item?.Data?.DockerConfigJson is { } payload)
                    {
                        Array.Clear(payload);
                    }
                }

                if (items.All(item => item?.Metadata is not null) && secrets.All(secret => secret is not null))
                {
                    return (secrets!, list.Metadata?.ContinueProperty);
                }
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }
}
