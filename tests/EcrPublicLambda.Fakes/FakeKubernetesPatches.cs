using System.Text.Json.Nodes;

namespace EcrPublicLambda.Fakes;

/// <summary>
/// JSON patch (RFC 6902, <c>test</c> included) and JSON merge patch (RFC 7386). A strategic merge patch of the
/// objects the fake serves is a merge patch: the lists they have (<c>imagePullSecrets</c>) carry no merge key, so
/// the patch REPLACES them, as on a real API server.
/// </summary>
internal static class FakeKubernetesPatches
{
    internal static JsonNode MergePatch(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone() ?? throw FakeKubernetesStatus.BadRequest("a merge patch cannot be null");
        }

        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else
            {
                result[key] = MergePatch(result[key], value);
            }
        }

        return result;
    }

    /// <summary>Applies the operations in order; any failure (a <c>test</c> that does not hold, a missing path) rejects the whole patch with 422.</summary>
    internal static JsonObject JsonPatch(JsonObject target, JsonArray operations)
    {
        JsonNode document = target.DeepClone();
        foreach (var item in operations)
        {
            if (item is not JsonObject operation || (string?)operation["op"] is not { } op || (string?)operation["path"] is not { } path)
            {
                throw FakeKubernetesStatus.BadRequest("a JSON patch operation needs op and path");
            }

            var value = operation["value"];
            switch (op)
            {
                case "add":
                    document = Add(document, Parse(path), value?.DeepClone());
                    break;
                case "remove":
                    Remove(document, Parse(path));
                    break;
                case "replace":
                    Remove(document, Parse(path));
                    document = Add(document, Parse(path), value?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(document, Parse(path)), value))
                    {
                        throw FakeKubernetesStatus.PatchRejected($"testing value {path} failed: test failed");
                    }

                    break;
                case "move":
                case "copy":
                    var from = Parse((string?)operation["from"] ?? throw FakeKubernetesStatus.BadRequest($"{op} needs from"));
                    var moved = Get(document, from)?.DeepClone();
                    if (op == "move")
                    {
                        Remove(document, from);
                    }

                    document = Add(document, Parse(path), moved);
                    break;
                default:
                    throw FakeKubernetesStatus.BadRequest($"unknown JSON patch operation {op}");
            }
        }

        return document as JsonObject ?? throw FakeKubernetesStatus.PatchRejected("the patch replaced the object with a non-object");
    }

    private static string[] Parse(string pointer)
    {
        if (pointer.Length == 0)
        {
            return [];
        }

        if (pointer[0] != '/')
        {
            throw FakeKubernetesStatus.PatchRejected($"invalid JSON pointer {pointer}");
        }

        return pointer[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
    }

    private static JsonNode? Get(JsonNode document, string[] path)
    {
        JsonNode? node = document;
        foreach (var segment in path)
        {
            node = node switch
            {
                JsonObject obj when obj.TryGetPropertyValue(segment, out var child) => child,
                JsonArray array when int.TryParse(segment, out var index) && index >= 0 && index < array.Count => array[index],
                _ => throw FakeKubernetesStatus.PatchRejected($"doc is missing path: /{string.Join('/', path)}"),
            };
        }

        return node;
    }

    private static JsonNode Add(JsonNode document, string[] path, JsonNode? value)
    {
        if (path.Length == 0)
        {
            return value ?? throw FakeKubernetesStatus.PatchRejected("cannot replace the document with null");
        }

        var parent = Get(document, path[..^1]);
        var last = path[^1];
        switch (parent)
        {
            case JsonObject obj:
                obj[last] = value;
                break;
            case JsonArray array when last == "-":
                array.Add(value);
                break;
            case JsonArray array when int.TryParse(last, out var index) && index >= 0 && index <= array.Count:
                array.Insert(index, value);
                break;
            default:
                throw FakeKubernetesStatus.PatchRejected($"doc is missing path: /{string.Join('/', path)}");
        }

        return document;
    }

    private static void Remove(JsonNode document, string[] path)
    {
        if (path.Length == 0)
        {
            throw FakeKubernetesStatus.PatchRejected("cannot remove the whole document");
        }

        var parent = Get(document, path[..^1]);
        var last = path[^1];
        switch (parent)
        {
            case JsonObject obj when obj.ContainsKey(last):
                obj.Remove(last);
                break;
            case JsonArray array when int.TryParse(last, out var index) && index >= 0 && index < array.Count:
                array.RemoveAt(index);
                break;
            default:
                throw FakeKubernetesStatus.PatchRejected($"doc is missing path: /{string.Join('/', path)}");
        }
    }
}
