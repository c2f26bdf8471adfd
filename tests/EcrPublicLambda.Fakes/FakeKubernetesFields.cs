using System.Text.Json.Nodes;

namespace EcrPublicLambda.Fakes;

/// <summary>
/// Field paths of an object as server-side apply tracks them: every map key is a field (so <c>data</c>,
/// <c>labels</c> and <c>annotations</c> entries are owned one by one), every list is ONE atomic field (true of
/// <c>imagePullSecrets</c>, which has no merge key), and server-set metadata is nobody's.
/// A path prints like the API server prints it: <c>.data..dockerconfigjson</c>.
/// </summary>
internal static class FakeKubernetesFields
{
    private static readonly HashSet<string> ServerMetadata = new(StringComparer.Ordinal)
    {
        "name", "namespace", "uid", "resourceVersion", "creationTimestamp", "managedFields", "generation", "selfLink",
    };

    internal static string Key(IReadOnlyList<string> segments) => "." + string.Join('.', segments);

    /// <summary>The leaf fields of <paramref name="root"/> with their values, keyed by printed path.</summary>
    internal static Dictionary<string, (string[] Segments, JsonNode Value)> Leaves(JsonObject root)
    {
        var leaves = new Dictionary<string, (string[], JsonNode)>(StringComparer.Ordinal);
        Walk(root, [], leaves);
        return leaves;
    }

    internal static JsonNode? ValueAt(JsonObject root, IReadOnlyList<string> segments)
    {
        JsonNode? node = root;
        foreach (var segment in segments)
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(segment, out node))
            {
                return null;
            }
        }

        return node;
    }

    internal static void Set(JsonObject root, IReadOnlyList<string> segments, JsonNode value)
    {
        var obj = root;
        for (var i = 0; i < segments.Count - 1; i++)
        {
            if (obj[segments[i]] is not JsonObject child)
            {
                child = new JsonObject();
                obj[segments[i]] = child;
            }

            obj = child;
        }

        obj[segments[^1]] = value.DeepClone();
    }

    /// <summary>Removes the field and any map it leaves empty (never the top-level <c>metadata</c>).</summary>
    internal static void Remove(JsonObject root, IReadOnlyList<string> segments)
    {
        var chain = new List<JsonObject> { root };
        for (var i = 0; i < segments.Count - 1; i++)
        {
            if (chain[^1][segments[i]] is not JsonObject child)
            {
                return;
            }

            chain.Add(child);
        }

        chain[^1].Remove(segments[^1]);
        for (var i = chain.Count - 1; i > 0; i--)
        {
            if (chain[i].Count > 0 || (i == 1 && segments[0] == "metadata"))
            {
                break;
            }

            chain[i - 1].Remove(segments[i - 1]);
        }
    }

    /// <summary>The <c>fieldsV1</c> rendering of a field set (<c>{"f:data":{"f:.dockerconfigjson":{}}}</c>).</summary>
    internal static JsonObject ToFieldsV1(IEnumerable<string[]> fields)
    {
        var root = new JsonObject();
        foreach (var segments in fields.OrderBy(Key, StringComparer.Ordinal))
        {
            var node = root;
            foreach (var segment in segments)
            {
                if (node["f:" + segment] is not JsonObject child)
                {
                    child = new JsonObject();
                    node["f:" + segment] = child;
                }

                node = child;
            }
        }

        return root;
    }

    private static void Walk(JsonNode node, List<string> path, Dictionary<string, (string[], JsonNode)> leaves)
    {
        if (node is JsonObject obj)
        {
            foreach (var (key, child) in obj)
            {
                if (child is null
                    || (path.Count == 0 && key is "apiVersion" or "kind")
                    || (path.Count == 1 && path[0] == "metadata" && ServerMetadata.Contains(key)))
                {
                    continue;
                }

                path.Add(key);
                Walk(child, path, leaves);
                path.RemoveAt(path.Count - 1);
            }

            return;
        }

        var segments = path.ToArray();
        leaves[Key(segments)] = (segments, node);
    }
}
