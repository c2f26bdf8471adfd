using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EcrPublicLambda.Kubernetes;

/// <summary>The read before a write that keeps the entries of registries that failed this run.</summary>
internal sealed partial class KubernetesCluster
{
    /// <summary>
    /// The entries of the Secret at <paramref name="path"/> by server, each with its expiry: from
    /// <c>ecr-public-lambda/registries-expire-at</c> (a server not listed there: no expiry), or, on a Secret of one
    /// registry (which does not carry that annotation, like those written before it existed), from
    /// <c>ecr-public-lambda/expires-at</c>. Empty when there is no
    /// such Secret, it is not this tool's (the apply then judges it), or it holds no readable docker config. Null with
    /// the reason when it could not be read: writing then could lose an entry, so nothing is written.
    /// </summary>
    private async Task<(IReadOnlyDictionary<string, (DockerAuthEntry Entry, DateTimeOffset? ExpiresAt)>? Entries, string? Error)> ReadPreviousEntriesAsync(
        string path, CancellationToken cancellationToken)
    {
        var none = new Dictionary<string, (DockerAuthEntry, DateTimeOffset?)>(StringComparer.Ordinal);
        var read = await transport.SendAsync(HttpMethod.Get, path, null, null, cancellationToken).ConfigureAwait(false);
        if (read.StatusCode == 404)
        {
            return (none, null);
        }

        if (read.StatusCode != 200)
        {
            return (null, KubernetesErrors.Describe(read));
        }

        try
        {
            using var document = JsonDocument.Parse(read.Body);
            var root = document.RootElement;
            var metadata = root.TryGetProperty("metadata", out var m) ? m : default;
            if (String(metadata, "labels", ManagedByLabel) != FieldManager
                || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
                || !data.TryGetProperty(DockerConfigKey, out var encoded) || encoded.ValueKind != JsonValueKind.String)
            {
                return (none, null);
            }

            var config = JsonSerializer.Deserialize(Convert.FromBase64String(encoded.GetString()!), KubernetesJsonContext.Default.DockerConfig);
            var expiries = Expiries(metadata);
            var entries = new Dictionary<string, (DockerAuthEntry, DateTimeOffset?)>(StringComparer.Ordinal);
            foreach (var (server, entry) in config?.Auths ?? new Dictionary<string, DockerAuthEntry>())
            {
                entries[server] = (Complete(entry), expiries(server));
            }

            return (entries, null);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            // Not a docker config this tool wrote: there is nothing of ours to keep.
            return (none, null);
        }
    }

    /// <summary>An entry with only <c>auth</c> (base64 of <c>user:password</c>) gets its user name and password from it.</summary>
    private static DockerAuthEntry Complete(DockerAuthEntry entry)
    {
        if (entry.Password is { Length: > 0 } || entry.Auth is not { Length: > 0 })
        {
            return entry;
        }

        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(entry.Auth));
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon <= 0 ? entry : new DockerAuthEntry(decoded[..colon], decoded[(colon + 1)..], entry.Auth);
    }

    private static Func<string, DateTimeOffset?> Expiries(JsonElement metadata)
    {
        if (String(metadata, "annotations", RegistriesExpireAtAnnotation) is null)
        {
            var legacy = Time(String(metadata, "annotations", ExpiresAtAnnotation));
            return _ => legacy;
        }

        var byServer = new Dictionary<string, DateTimeOffset?>(StringComparer.Ordinal);
        foreach (var pair in (String(metadata, "annotations", RegistriesExpireAtAnnotation) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = pair.LastIndexOf('=');
            if (at > 0)
            {
                byServer[pair[..at]] = Time(pair[(at + 1)..]);
            }
        }

        return server => byServer.GetValueOrDefault(server);
    }

    private static DateTimeOffset? Time(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    private static string? String(JsonElement metadata, string map, string key) =>
        metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty(map, out var values) && values.ValueKind == JsonValueKind.Object
        && values.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
