using System.Text;
using System.Text.Json;
using EcrPublicLambda.Configuration;
using EcrPublicLambda.Refresh;

namespace EcrPublicLambda.Hosting.Lambda;

/// <summary>
/// Reads an invocation payload into a <see cref="RefreshRequest"/>: an empty body, <c>{}</c> or a scheduled event
/// (EventBridge rule or EventBridge Scheduler) refresh everything; <c>{"clusters":[...],"dryRun":true}</c> narrows it;
/// <c>{"cleanup":true}</c> asks for a cleanup instead, <c>{"status":true}</c> (with <c>clusters</c> or not) a status reading
/// (<see cref="ParseStatus"/>). A scheduled event carrying any of those fields (or a non-empty
/// <c>detail</c>) is refused rather than half-read. Anything else is an <see cref="InvalidPayloadException"/> naming
/// each problem; values echoed back are shortened.
/// </summary>
internal static class InvocationPayload
{
    private const string ClustersField = "clusters";
    private const string DryRunField = "dryRun";
    private const string CleanupField = "cleanup";
    private const string StatusField = "status";
    private const string DetailField = "detail";
    private const string ExpectedFields = $"\"{ClustersField}\", \"{DryRunField}\", \"{CleanupField}\" or \"{StatusField}\"";
    private const int MaxEchoLength = 64;

    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 32,
    };

    internal static RefreshRequest Parse(ReadOnlyMemory<byte> payload, Fleet fleet)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        if (IsBlank(payload.Span))
        {
            return new RefreshRequest([], DryRun: false);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload, Options);
        }
        catch (JsonException e)
        {
            // The exception's own message may quote the input; only its position is repeated.
            throw new InvalidPayloadException([$"payload: not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})"]);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidPayloadException([$"payload: expected a JSON object, got {Describe(root.ValueKind)}"]);
            }

            if (IsScheduledEvent(root))
            {
                RefuseRequestFields(root);
                return new RefreshRequest([], DryRun: false);
            }

            return ParseRequest(root, fleet);
        }
    }

    /// <summary>
    /// Whether the payload is a scheduled event (an EventBridge rule's or EventBridge Scheduler's): the kind of
    /// invocation <see cref="ParseScheduled"/> reads. Anything else that is no custom-resource request is a direct invoke.
    /// </summary>
    internal static bool IsScheduledEvent(ReadOnlyMemory<byte> payload)
    {
        if (IsBlank(payload.Span))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(payload, Options);
            return document.RootElement.ValueKind == JsonValueKind.Object && IsScheduledEvent(document.RootElement);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>A scheduled event's request: every cluster, written; refused when a request field sits beside the event.</summary>
    internal static RefreshRequest ParseScheduled(ReadOnlyMemory<byte> payload)
    {
        using var document = JsonDocument.Parse(payload, Options);
        RefuseRequestFields(document.RootElement);
        return new RefreshRequest([], DryRun: false);
    }

    /// <summary>
    /// Whether the payload asks for a status reading: an object with <c>"status": true</c>, the kind of invocation
    /// <see cref="ParseStatus"/> reads (and refuses when anything but <c>clusters</c> sits beside it).
    /// </summary>
    internal static bool IsStatusRequest(ReadOnlyMemory<byte> payload)
    {
        if (IsBlank(payload.Span))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(payload, Options);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object && root.TryGetProperty(StatusField, out var status) && status.ValueKind == JsonValueKind.True;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// A status reading when the payload is an object with <c>"status": true</c> (beside it only <c>clusters</c>); null
    /// for any other payload, which <see cref="Parse"/> then reads.
    /// </summary>
    internal static StatusRequest? ParseStatus(ReadOnlyMemory<byte> payload, Fleet fleet)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        if (IsBlank(payload.Span))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(payload, Options);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(StatusField, out var status) || status.ValueKind != JsonValueKind.True)
            {
                return null;
            }

            var errors = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            List<string> clusters = [];
            foreach (var property in root.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    errors.Add($"{Echo(property.Name)}: given more than once");
                }
                else if (property.Name == ClustersField)
                {
                    clusters = ReadClusters(property.Value, fleet, errors);
                }
                else if (property.Name is DryRunField or CleanupField)
                {
                    errors.Add($"{property.Name}: not allowed beside \"{StatusField}\": a status reading writes nothing");
                }
                else if (property.Name != StatusField)
                {
                    errors.Add($"{Quote(property.Name)}: unknown field beside \"{StatusField}\" (expected \"{ClustersField}\")");
                }
            }

            return errors.Count > 0 ? throw new InvalidPayloadException(errors) : new StatusRequest(clusters, StatusRequest.DefaultExpiringWithin);
        }
        catch (JsonException)
        {
            // Not JSON: Parse reports it.
            return null;
        }
    }

    private static RefreshRequest ParseRequest(JsonElement root, Fleet fleet)
    {
        var errors = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        List<string> clusters = [];
        var dryRun = false;
        var operation = RunOperation.Refresh;
        foreach (var property in root.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                errors.Add($"{Echo(property.Name)}: given more than once");
                continue;
            }

            switch (property.Name)
            {
                case ClustersField:
                    clusters = ReadClusters(property.Value, fleet, errors);
                    break;
                case DryRunField:
                    dryRun = ReadBoolean(property, errors);
                    break;
                case CleanupField:
                    operation = ReadBoolean(property, errors) ? RunOperation.Cleanup : RunOperation.Refresh;
                    break;
                case StatusField:
                    // true is read by ParseStatus before this; anything else asks for nothing.
                    errors.Add($"{StatusField}: only true asks for a status reading (leave the field out to refresh)");
                    break;
                default:
                    errors.Add($"{Quote(property.Name)}: unknown field (expected {ExpectedFields})");
                    break;
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidPayloadException(errors);
        }

        return new RefreshRequest(clusters, dryRun) { Operation = operation };
    }

    private static bool ReadBoolean(JsonProperty property, List<string> errors)
    {
        if (property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return property.Value.GetBoolean();
        }

        errors.Add($"{property.Name}: expected true or false, got {Describe(property.Value.ValueKind)}");
        return false;
    }

    /// <summary>
    /// A scheduled event refreshes everything: a request field beside it (or a non-empty <c>detail</c>) would be
    /// silently ignored, so the payload is refused instead.
    /// </summary>
    private static void RefuseRequestFields(JsonElement root)
    {
        var errors = new List<string>();
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name is ClustersField or DryRunField or CleanupField or StatusField)
            {
                errors.Add($"{property.Name}: not allowed beside a scheduled event, which refreshes every cluster; send {{\"{property.Name}\": ...}} on its own instead");
            }
            else if (property.Name == DetailField && !IsEmptyDetail(property.Value))
            {
                errors.Add($"{DetailField}: a scheduled event's detail must be empty ({{}} or \"{{}}\"); request fields go in the payload itself, not in the event");
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidPayloadException(errors);
        }
    }

    /// <summary>An EventBridge rule sends <c>"detail":{}</c>, EventBridge Scheduler <c>"detail":"{}"</c>.</summary>
    private static bool IsEmptyDetail(JsonElement detail) => detail.ValueKind switch
    {
        JsonValueKind.Object => !detail.EnumerateObject().Any(),
        JsonValueKind.String => detail.ValueEquals("{}"),
        _ => false,
    };

    private static List<string> ReadClusters(JsonElement value, Fleet fleet, List<string> errors)
    {
        var names = new List<string>();
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"{ClustersField}: expected an array of cluster names, got {Describe(value.ValueKind)}");
            return names;
        }

        if (value.GetArrayLength() == 0)
        {
            errors.Add($"{ClustersField}: names no cluster (leave the field out to refresh every cluster)");
            return names;
        }

        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var path = $"{ClustersField}[{index++}]";
            if (item.ValueKind != JsonValueKind.String)
            {
                errors.Add($"{path}: expected a cluster name, got {Describe(item.ValueKind)}");
            }
            else if (item.GetString() is not { } name || !fleet.HasCluster(name))
            {
                errors.Add($"{path}: unknown cluster {Quote(item.GetString() ?? string.Empty)} (registered: {fleet.DescribeClusterNames()})");
            }
            else if (names.Contains(name, StringComparer.Ordinal))
            {
                errors.Add($"{path}: {Quote(name)} is listed more than once");
            }
            else
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>An EventBridge rule's "Scheduled Event" (source <c>aws.events</c>) or EventBridge Scheduler's default one (<c>aws.scheduler</c>).</summary>
    private static bool IsScheduledEvent(JsonElement root) =>
        root.TryGetProperty("detail-type", out var detailType)
        && detailType.ValueKind == JsonValueKind.String
        && detailType.ValueEquals("Scheduled Event")
        && root.TryGetProperty("source", out var source)
        && source.ValueKind == JsonValueKind.String
        && (source.ValueEquals("aws.events") || source.ValueEquals("aws.scheduler"));

    private static bool IsBlank(ReadOnlySpan<byte> payload)
    {
        foreach (var b in payload)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string Echo(string text) => Quote(text)[1..^1];

    /// <summary>Quotes a caller-given value for an error message: control characters escaped, at most 64 characters kept.</summary>
    private static string Quote(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text.Length > MaxEchoLength ? text[..MaxEchoLength] : text)
        {
            _ = char.IsControl(c) || c is '"' or '\\'
                ? builder.Append(c is '"' or '\\' ? $"\\{c}" : $"\\u{(int)c:x4}")
                : builder.Append(c);
        }

        return builder.Append(text.Length > MaxEchoLength ? "...\"" : "\"").ToString();
    }
}
