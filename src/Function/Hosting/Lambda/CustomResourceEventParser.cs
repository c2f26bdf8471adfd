using System.Net;
using System.Text.Json;
using EcrPublicLambda.Common;

namespace EcrPublicLambda.Hosting.Lambda;

/// <summary>
/// Recognises and reads a CloudFormation custom-resource request (<c>RequestType</c>, <c>ResponseURL</c>, <c>StackId</c>,
/// <c>RequestId</c>, <c>LogicalResourceId</c>, <c>PhysicalResourceId</c>, <c>ResourceProperties</c>,
/// <c>OldResourceProperties</c>). Its properties are this app's own: <c>Action</c> (<c>CleanRemoved</c> or
/// <c>Lifecycle</c>), the fleet document as text under <c>Fleet</c> (written by this version's CDK) or <c>Registry</c>
/// (earlier versions: the first update after an upgrade carries it as its old properties), and <c>AssetHash</c> (only
/// there so that a code change is an Update); CloudFormation's own <c>ServiceToken</c> and <c>ServiceTimeout</c> are
/// passed over. The fleet text is not parsed here: only a CleanRemoved Update's old one is ever used, once verified.
/// Anything else is a <see cref="CustomResourceException"/> naming each problem. The ResponseURL is never quoted in a
/// message. Text that is not valid UTF-16 (a lone surrogate escape) is a problem, never a crash. Ids too long for any
/// answer within CloudFormation's 4096 bytes are a problem with no reply (<see cref="CustomResourceAnswer.Fits"/>).
/// </summary>
internal static class CustomResourceEventParser
{
    internal const string ActionProperty = "Action";
    internal const string FleetProperty = "Fleet";
    internal const string LegacyFleetProperty = "Registry";
    internal const string AssetHashProperty = "AssetHash";

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32 };

    /// <summary>A JSON object with a <c>RequestType</c> or a <c>ResponseURL</c>: what CloudFormation sends, and nothing else the function takes has either.</summary>
    internal static bool IsCustomResourceEvent(ReadOnlyMemory<byte> payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload, Options);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && (document.RootElement.TryGetProperty("RequestType", out _) || document.RootElement.TryGetProperty("ResponseURL", out _));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    internal static CustomResourceEvent Parse(ReadOnlyMemory<byte> payload)
    {
        using var document = JsonDocument.Parse(payload, Options);
        var root = document.RootElement;
        var problems = new List<string>();
        var url = ReadUrl(root, problems);
        var requestType = ReadString(root, "RequestType", problems);
        var stackId = ReadString(root, "StackId", problems);
        var requestId = ReadString(root, "RequestId", problems);
        var logicalId = ReadString(root, "LogicalResourceId", problems);
        var physicalId = root.TryGetProperty("PhysicalResourceId", out var physical) && physical.ValueKind == JsonValueKind.String
            ? Text(physical, "PhysicalResourceId", problems).Value
            : null;
        var reply = url is null
            ? null
            : new CustomResourceReply(url, stackId.Echo, requestId.Echo, logicalId.Echo, physicalId, requestType.Value == CustomResourceEvent.Delete);
        if (reply is not null && !CustomResourceAnswer.Fits(reply))
        {
            // No answer can carry these ids, so none is sent (the ids are not quoted: they are what is too long).
            problems.Add($"StackId, RequestId, LogicalResourceId and PhysicalResourceId: {Utf8Length(stackId.Echo, requestId.Echo, logicalId.Echo, physicalId)} bytes together, "
                + $"too long for any answer within the {CustomResourceAnswer.MaxBytes} bytes CloudFormation takes; CloudFormation sends no such ids, so no answer is sent");
            reply = null;
        }


        if (requestType.Value is not (null or CustomResourceEvent.Create or CustomResourceEvent.Update or CustomResourceEvent.Delete))
        {
            problems.Add($"RequestType: expected Create, Update or Delete, got {Quote(requestType.Value)}");
        }

        if (requestType.Value is CustomResourceEvent.Update or CustomResourceEvent.Delete && physicalId is null)
        {
            problems.Add($"PhysicalResourceId: missing from a {requestType.Value} request");
        }

        var (action, _) = ReadProperties(root, "ResourceProperties", problems);
        string? oldFleet = null;
        if (requestType.Value == CustomResourceEvent.Update)
        {
            var (oldAction, old) = ReadProperties(root, "OldResourceProperties", problems);
            oldFleet = old;
            if (action is not null && oldAction is not null && action != oldAction)
            {
                problems.Add($"OldResourceProperties.{ActionProperty}: {Quote(oldAction)} cannot become {Quote(action)}: a resource does one thing");
            }
        }

        if (problems.Count > 0)
        {
            throw new CustomResourceException(problems, reply);
        }

        return new CustomResourceEvent(requestType.Value!, url!, stackId.Value!, requestId.Value!, logicalId.Value!, physicalId, action!, oldFleet);
    }

    private static int Utf8Length(params string?[] texts) => texts.Sum(text => text is null ? 0 : System.Text.Encoding.UTF8.GetByteCount(CustomResourceAnswer.Scrub(text)));

    /// <summary>The action and the fleet text of a properties object (each null when missing or wrong).</summary>
    private static (string? Action, string? Fleet) ReadProperties(JsonElement root, string name, List<string> problems)
    {
        if (!root.TryGetProperty(name, out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{name}: expected an object");
            return (null, null);
        }

        string? action = null;
        string? fleet = null;
        var fleets = 0;
        foreach (var property in properties.EnumerateObject())
        {
            var path = $"{name}.{property.Name}";
            switch (property.Name)
            {
                case "ServiceToken" or "ServiceTimeout" or AssetHashProperty:
                    break;
                case ActionProperty:
                    action = property.Value.ValueKind == JsonValueKind.String ? Text(property.Value, path, problems).Value : null;
                    if (action is not (CustomResourceEvent.CleanRemoved or CustomResourceEvent.Lifecycle))
                    {
                        problems.Add($"{path}: expected {CustomResourceEvent.CleanRemoved} or {CustomResourceEvent.Lifecycle}, got {Quote(action)}");
                        action = null;
                    }

                    break;
                case FleetProperty or LegacyFleetProperty:
                    fleets++;
                    if (property.Value.ValueKind != JsonValueKind.String)
                    {
                        problems.Add($"{path}: expected the fleet as a JSON string");
                    }
                    else
                    {
                        fleet = Text(property.Value, path, problems).Value;
                    }

                    break;
                default:
                    problems.Add($"{Quote(path)}: unknown property (expected {ActionProperty}, {FleetProperty} or {AssetHashProperty})");
                    break;
            }
        }

        if (!properties.TryGetProperty(ActionProperty, out _))
        {
            problems.Add($"{name}.{ActionProperty}: missing");
        }

        if (fleets == 0)
        {
            problems.Add($"{name}.{FleetProperty}: missing");
        }
        else if (fleets > 1)
        {
            problems.Add($"{name}: {FleetProperty} and {LegacyFleetProperty} are the same property under its new and old name; give one");
            fleet = null;
        }

        return (action, fleet);
    }

    /// <summary>The ResponseURL: absolute, https (or http to a loopback address, for local runs). Never quoted back.</summary>
    private static Uri? ReadUrl(JsonElement root, List<string> problems)
    {
        if (!root.TryGetProperty("ResponseURL", out var value) || value.ValueKind != JsonValueKind.String)
        {
            problems.Add("ResponseURL: missing (no answer can be sent)");
            return null;
        }

        // Kept exactly as sent: the query is signed, so no re-escaping may touch it.
        var text = Text(value, "ResponseURL", []).Value;
        if (text is null
            || !Uri.TryCreate(text, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true }, out var url)
            || !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && IPAddress.TryParse(url.Host, out var address) && IPAddress.IsLoopback(address))))
        {
            problems.Add("ResponseURL: not an https URL (no answer can be sent)");
            return null;
        }

        return url;
    }

    /// <summary>A required non-empty string: its value (null when missing or unreadable) and what an answer may echo of it (never null).</summary>
    private static (string? Value, string Echo) ReadString(JsonElement root, string name, List<string> problems)
    {
        if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
        {
            var text = Text(value, name, problems);
            if (text.Value is { Length: > 0 })
            {
                return text;
            }

            if (text.Echo.Length > 0)
            {
                return (null, text.Echo);
            }
        }

        problems.Add($"{name}: missing");
        return (null, string.Empty);
    }

    /// <summary>
    /// A JSON string's value, or (when it escapes a lone surrogate, which no .NET string read can carry to UTF-8) null
    /// with a problem named, and as echo its JSON text with the escapes left as written.
    /// </summary>
    private static (string? Value, string Echo) Text(JsonElement value, string path, List<string> problems)
    {
        try
        {
            var text = value.GetString()!;
            return (text, text);
        }
        catch (InvalidOperationException)
        {
            problems.Add($"{path}: not valid text (a lone UTF-16 surrogate)");
            var raw = value.GetRawText();
            return (null, raw.Length >= 2 ? raw[1..^1] : string.Empty);
        }
    }

    private static string Quote(string? text) =>
        text is null ? "nothing" : $"\"{ErrorText.Sanitize(text, 64)}\"";
}
