using System.Net;
using System.Text.Json;
using EcrPublicLambda.Common;
using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Hosting.Lambda;

/// <summary>
/// Recognises and reads a CloudFormation custom-resource request (<c>RequestType</c>, <c>ResponseURL</c>, <c>StackId</c>,
/// <c>RequestId</c>, <c>LogicalResourceId</c>, <c>PhysicalResourceId</c>, <c>ResourceProperties</c>,
/// <c>OldResourceProperties</c>). Its properties are this app's own: <c>Action</c> (<c>CleanRemoved</c> or
/// <c>Lifecycle</c>), <c>Fleet</c> (the fleet JSON) and <c>AssetHash</c> (only there so that a code change is an
/// Update); CloudFormation's own <c>ServiceToken</c> and <c>ServiceTimeout</c> are passed over. Anything else is a
/// <see cref="CustomResourceException"/> naming each problem. The ResponseURL is never quoted in a message.
/// </summary>
internal static class CustomResourceEventParser
{
    internal const string ActionProperty = "Action";
    internal const string FleetProperty = "Registry";
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
        var physicalId = root.TryGetProperty("PhysicalResourceId", out var physical) && physical.ValueKind == JsonValueKind.String ? physical.GetString() : null;
        var reply = url is null ? null : new CustomResourceReply(url, stackId ?? string.Empty, requestId ?? string.Empty, logicalId ?? string.Empty, physicalId, requestType == CustomResourceEvent.Delete);

        if (requestType is not (null or CustomResourceEvent.Create or CustomResourceEvent.Update or CustomResourceEvent.Delete))
        {
            problems.Add($"RequestType: expected Create, Update or Delete, got {Quote(requestType)}");
        }

        if (requestType is CustomResourceEvent.Update or CustomResourceEvent.Delete && physicalId is null)
        {
            problems.Add($"PhysicalResourceId: missing from a {requestType} request");
        }

        var (action, fleet) = ReadProperties(root, "ResourceProperties", problems);
        Fleet? oldFleet = null;
        if (requestType == CustomResourceEvent.Update)
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

        return new CustomResourceEvent(requestType!, url!, stackId!, requestId!, logicalId!, physicalId, action!, fleet!, oldFleet);
    }

    private static (string? Action, Fleet? Fleet) ReadProperties(JsonElement root, string name, List<string> problems)
    {
        if (!root.TryGetProperty(name, out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{name}: expected an object");
            return (null, null);
        }

        string? action = null;
        Fleet? fleet = null;
        foreach (var property in properties.EnumerateObject())
        {
            var path = $"{name}.{property.Name}";
            switch (property.Name)
            {
                case "ServiceToken" or "ServiceTimeout" or AssetHashProperty:
                    break;
                case ActionProperty:
                    action = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                    if (action is not (CustomResourceEvent.CleanRemoved or CustomResourceEvent.Lifecycle))
                    {
                        problems.Add($"{path}: expected {CustomResourceEvent.CleanRemoved} or {CustomResourceEvent.Lifecycle}, got {Quote(action)}");
                        action = null;
                    }

                    break;
                case FleetProperty:
                    fleet = ReadFleet(property.Value, path, problems);
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

        if (!properties.TryGetProperty(FleetProperty, out _))
        {
            problems.Add($"{name}.{FleetProperty}: missing");
        }

        return (action, fleet);
    }

    private static Fleet? ReadFleet(JsonElement value, string path, List<string> problems)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add($"{path}: expected the fleet as a JSON string");
            return null;
        }

        try
        {
            return FleetParser.Parse(value.GetString()!);
        }
        catch (FleetValidationException e)
        {
            problems.Add(ErrorText.Truncate($"{path}: invalid fleet: {string.Join("; ", e.Errors)}", 1024));
            return null;
        }
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
        if (!Uri.TryCreate(value.GetString(), new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true }, out var url)
            || !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && IPAddress.TryParse(url.Host, out var address) && IPAddress.IsLoopback(address))))
        {
            problems.Add("ResponseURL: not an https URL (no answer can be sent)");
            return null;
        }

        return url;
    }

    private static string? ReadString(JsonElement root, string name, List<string> problems)
    {
        if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
        {
            return text;
        }

        problems.Add($"{name}: missing");
        return null;
    }

    private static string Quote(string? text) =>
        text is null ? "nothing" : $"\"{ErrorText.Sanitize(text, 64)}\"";
}
