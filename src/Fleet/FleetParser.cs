using System.Text.Json;

namespace EcrPublicLambda.Configuration;

/// <summary>
/// Parses and validates the fleet (<c>secretName</c>, <c>adoptExisting</c>, <c>clusters</c>), reporting every
/// error with its JSON path. One implementation for the function, the CLI and the CDK app.
/// </summary>
public static class FleetParser
{
    /// <summary>Parses a fleet document. Throws <see cref="FleetValidationException"/> with all errors at once.</summary>
    public static Fleet Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var reader = new FleetReader();
        using var document = ParseJson(json, JsonPath.Root, reader);
        var fleet = reader.ReadDocument(document.RootElement);
        reader.ThrowIfInvalid();
        return fleet;
    }

    /// <summary>
    /// Validates CDK context: <paramref name="clustersJson"/> is the inline <c>clusters</c> array; null
    /// <paramref name="secretName"/> and <paramref name="adoptExisting"/> take the defaults. Errors carry the
    /// same paths and messages as <see cref="Parse"/> (<c>clusters[0].region: ...</c>, <c>secretName: ...</c>).
    /// </summary>
    public static Fleet ParseContext(string clustersJson, string? secretName, bool? adoptExisting)
    {
        ArgumentNullException.ThrowIfNull(clustersJson);
        var reader = new FleetReader();
        var name = secretName is null ? Fleet.DefaultSecretName : reader.CheckSecretName(secretName, "secretName");
        using var document = ParseJson(clustersJson, "clusters", reader);
        var clusters = reader.ReadClusters(document.RootElement, "clusters");
        reader.CheckClusterRegistries(RegistryConfig.Default);
        reader.ThrowIfInvalid();
        return new Fleet(name, adoptExisting ?? false, clusters);
    }

    /// <summary>Parses strict JSON; invalid JSON ends the parse with one error giving its line and position.</summary>
    private static JsonDocument ParseJson(string json, string path, FleetReader reader)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            // The message ends with " LineNumber: n | BytePositionInLine: n."; say it once, 1-based, and
            // drop the advice meant for programmers ("Change the reader options.").
            var reason = e.Message.Split(" LineNumber:", 2)[0].Replace(" Change the reader options.", string.Empty, StringComparison.Ordinal).Trim();
            reader.AddError(path, $"invalid JSON at line {(e.LineNumber ?? 0) + 1}, position {(e.BytePositionInLine ?? 0) + 1}: {reason}");
            reader.ThrowIfInvalid();
            throw;
        }
    }
}
