using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace EcrPublicLambda.Fakes;

/// <summary>
/// How the API server cuts a list into pages (kube-apiserver <c>staging/src/k8s.io/apiserver/pkg/storage/etcd3/store.go</c>,
/// <c>GetList</c>, and <c>pkg/storage/continue.go</c>): with <c>limit</c> it answers at most that many items, in key order
/// (<c>namespace/name</c>), and when more remain a <c>metadata.continue</c> token holding the list's resourceVersion and
/// the key to start from; <c>remainingItemCount</c> only when no label or field selector filters the list (the count is
/// etcd's, which a filter would make wrong). A token whose resourceVersion was compacted away answers 410 <c>Expired</c>
/// (<c>pkg/storage/etcd3/errors.go</c>, <c>interpretListError</c>); a token that does not decode answers 400.
/// One difference: the real server reads later pages at the token's snapshot, this fake reads the current objects.
/// </summary>
internal static class FakeKubernetesPaging
{
    /// <summary>The list object for <paramref name="items"/> (sorted by key), cut at <paramref name="limit"/> (0: no limit) after <paramref name="continueToken"/>.</summary>
    internal static JsonObject Page(
        string kind,
        IReadOnlyList<(string Key, JsonNode Item)> items,
        int limit,
        string? continueToken,
        bool filtered,
        long revision,
        long compactedRevision)
    {
        var listRevision = revision;
        var start = string.Empty;
        if (!string.IsNullOrEmpty(continueToken))
        {
            (listRevision, start) = Decode(continueToken);
            if (listRevision < compactedRevision)
            {
                var expired = FakeKubernetesStatus.Body(410, "Expired",
                    "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.");
                throw new FakeKubernetesException(410, expired);
            }
        }

        var rest = items.Where(item => string.CompareOrdinal(item.Key, start) >= 0).ToList();
        var page = limit > 0 ? rest.Take(limit).ToList() : rest;
        var metadata = new JsonObject { ["resourceVersion"] = listRevision.ToString(CultureInfo.InvariantCulture) };
        if (page.Count < rest.Count)
        {
            metadata["continue"] = Encode(listRevision, page[^1].Key + "\u0000");
            if (!filtered)
            {
                metadata["remainingItemCount"] = rest.Count - page.Count;
            }
        }

        return new JsonObject
        {
            ["kind"] = kind,
            ["apiVersion"] = "v1",
            ["metadata"] = metadata,
            ["items"] = new JsonArray([.. page.Select(item => item.Item.DeepClone())]),
        };
    }

    /// <summary>The <c>limit</c> query parameter: absent or 0 is no limit; anything else must be a non-negative integer.</summary>
    internal static int Limit(string? text) =>
        string.IsNullOrEmpty(text) ? 0
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) ? limit
        : throw FakeKubernetesStatus.BadRequest($"limit: Invalid value: \"{text}\": must be a non-negative integer");

    private static string Encode(long revision, string start) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = revision, ["start"] = start }.ToJsonString()))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static (long Revision, string Start) Decode(string token)
    {
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 += new string('=', (4 - (base64.Length % 4)) % 4);
            var node = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(base64)));
            if ((string?)node?["v"] == "meta.k8s.io/v1" && node["rv"] is { } rv && (string?)node["start"] is { } start)
            {
                return ((long)rv, start);
            }
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
        }

        throw FakeKubernetesStatus.BadRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
    }
}
