using System.Text.Json;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Kubernetes;

/// <summary>
/// The cleanup writes, the reverse of the refresh writes: delete this tool's Secret (never anyone else's), and take its
/// entry out of service accounts' <c>imagePullSecrets</c> (never any other entry).
/// </summary>
internal sealed partial class KubernetesCluster
{
    /// <summary>How often a Secret that changed between the read and the DELETE (409) is read and judged again.</summary>
    internal const int SecretDeleteReads = 2;

    /// <summary>
    /// Deletes Secret <paramref name="name"/> in <paramref name="ns"/> when this tool manages it (see
    /// <see cref="SecretOwnership"/>, of <paramref name="instance"/>): <c>deleted</c>; <c>absent</c> when there is none (or no such namespace);
    /// <c>conflict</c>, nothing written, when it is someone else's; <c>failed</c> otherwise, with the reason. The DELETE
    /// carries the uid and resourceVersion that were read as preconditions, so a Secret replaced or changed in between
    /// is never deleted: the API server answers 409, and the Secret is read and judged once more (our own refresh may have
    /// renewed it); a Secret that changes again is left alone as <c>conflict</c>.
    /// </summary>
    internal async Task<(SecretResult Result, string? Error)> DeleteSecretAsync(string ns, string name, string instance, bool dryRun, CancellationToken cancellationToken)
    {
        var path = $"/api/v1/namespaces/{Uri.EscapeDataString(ns)}/secrets/{Uri.EscapeDataString(name)}";
        string? changed = null;
        for (var round = 1; round <= SecretDeleteReads; round++)
        {
            var read = await transport.SendAsync(HttpMethod.Get, path, null, null, cancellationToken).ConfigureAwait(false);
            if (read.StatusCode == 404)
            {
                return Deleted(ns, name, SecretResult.Absent, null, dryRun);
            }

            if (read.StatusCode != 200)
            {
                return Deleted(ns, name, SecretResult.Failed, $"reading the Secret failed: {KubernetesErrors.Describe(read)}", dryRun);
            }

            V1ObjectMeta? metadata;
            try
            {
                // Only the metadata is read: the Secret's data is skipped, never kept.
                metadata = JsonSerializer.Deserialize(read.Body, KubernetesJsonContext.Default.ObjectWithMetadata)?.Metadata;
            }
            catch (JsonException)
            {
                metadata = null;
            }

            if (metadata is not { Uid: { Length: > 0 } uid, ResourceVersion: { Length: > 0 } resourceVersion })
            {
                return Deleted(ns, name, SecretResult.Failed, "the API server returned an unreadable Secret", dryRun);
            }

            if (SecretOwnership.WhyNotOurs(metadata, instance) is { } why)
            {
                return Deleted(ns, name, SecretResult.Conflict, $"Secret \"{name}\" {why}, so it is not this tool's and was left alone", dryRun);
            }

            // The dry run travels in the body with the preconditions (see DeleteOptions): never in the query, which the
            // API server ignores for a DELETE that has a body.
            var body = JsonSerializer.SerializeToUtf8Bytes(DeleteOptions.For(uid, resourceVersion, dryRun), KubernetesJsonContext.Default.DeleteOptions);
            var delete = await transport.SendAsync(HttpMethod.Delete, path, "application/json", body, cancellationToken, successBody: false)
                .ConfigureAwait(false);
            switch (delete.StatusCode)
            {
                case 200 or 202:
                    return Deleted(ns, name, SecretResult.Deleted, null, dryRun);
                case 404:
                    // Gone between our read and our delete (or our own retried DELETE took it): nothing is left to delete.
                    return Deleted(ns, name, SecretResult.Absent, null, dryRun);
                case 409:
                    // A precondition failed: the Secret was changed or replaced after our read. Judge it again.
                    changed = KubernetesErrors.Describe(delete);
                    logger.SecretChangedBeforeDelete(ns, name, round);
                    continue;
                default:
                    return Deleted(ns, name, SecretResult.Failed, KubernetesErrors.Describe(delete), dryRun);
            }
        }

        return Deleted(
            ns,
            name,
            SecretResult.Conflict,
            $"Secret \"{name}\" changed between read and delete {SecretDeleteReads} times, so it was left alone ({changed})",
            dryRun);
    }

    /// <summary>
    /// Takes every <c>{"name": <paramref name="secretName"/>}</c> entry out of service account
    /// <paramref name="serviceAccount"/>'s <c>imagePullSecrets</c>, keeping every other entry in its order: <c>removed</c>;
    /// <c>absent</c> (no write) when it lists no such entry, or the service account or its namespace does not exist;
    /// <c>failed</c> with the reason. The patch tests the resourceVersion and each entry's name before removing it, so a
    /// concurrent change makes it re-read and try again, a bounded number of times.
    /// </summary>
    internal Task<(ServiceAccountResult Result, string? Error)> RemovePullSecretAsync(
        string ns,
        string serviceAccount,
        string secretName,
        bool dryRun,
        CancellationToken cancellationToken) =>
        PatchServiceAccountAsync(
            ns,
            serviceAccount,
            dryRun,
            read => read.StatusCode == 404 ? (ServiceAccountResult.Absent, null) : (ServiceAccountResult.Failed, KubernetesErrors.Describe(read)),
            (account, resourceVersion) => RemovalPatch(account, resourceVersion, secretName) is { } patch
                ? (ServiceAccountResult.Removed, patch)
                : (ServiceAccountResult.Absent, null),
            cancellationToken);

    /// <summary>
    /// <c>test</c> the resourceVersion, then for each entry naming the Secret, last first (so the indexes before it stay
    /// valid), <c>test</c> its name and <c>remove</c> it. Null when no entry names it.
    /// </summary>
    private static List<JsonPatchOperation>? RemovalPatch(V1ServiceAccount account, string resourceVersion, string secretName)
    {
        var entries = account.ImagePullSecrets ?? [];
        var indexes = entries
            .Select((entry, index) => (entry, index))
            .Where(item => string.Equals(item.entry?.Name, secretName, StringComparison.Ordinal))
            .Select(item => item.index)
            .Reverse()
            .ToList();
        if (indexes.Count == 0)
        {
            return null;
        }

        var name = JsonSerializer.SerializeToElement(secretName, KubernetesJsonContext.Default.String);
        var patch = new List<JsonPatchOperation>
        {
            new("test", "/metadata/resourceVersion", JsonSerializer.SerializeToElement(resourceVersion, KubernetesJsonContext.Default.String)),
        };
        foreach (var index in indexes)
        {
            patch.Add(new JsonPatchOperation("test", $"/imagePullSecrets/{index}/name", name));
            patch.Add(new JsonPatchOperation("remove", $"/imagePullSecrets/{index}"));
        }

        return patch;
    }

    private (SecretResult, string?) Deleted(string ns, string name, SecretResult result, string? error, bool dryRun)
    {
        logger.SecretDeleted(result is SecretResult.Deleted or SecretResult.Absent ? LogLevel.Debug : LogLevel.Warning, ns, name, result, dryRun, error ?? string.Empty);
        return (result, error);
    }
}
