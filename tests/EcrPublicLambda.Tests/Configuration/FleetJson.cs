using System.Text.Json.Nodes;
using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Tests.Configuration;

/// <summary>Builds fleet documents from a valid one-cluster base with some fields overridden, and collects parse errors.</summary>
internal static class FleetJson
{
    internal const string BaseCluster = """{"name": "prod-eu", "region": "eu-west-1", "namespaces": ["default"]}""";

    /// <summary>A document whose single cluster is <see cref="BaseCluster"/> with <paramref name="clusterOverrides"/> set over it.</summary>
    internal static string Document(string clusterOverrides, string topLevelOverrides = "{}")
    {
        var cluster = Merge(BaseCluster, clusterOverrides);
        var document = Merge("{}", topLevelOverrides);
        document["clusters"] = new JsonArray(cluster);
        return document.ToJsonString();
    }

    /// <summary>The errors <see cref="FleetParser.Parse"/> reports for <paramref name="json"/>; fails when it accepts it.</summary>
    internal static IReadOnlyList<string> Errors(string json) =>
        Assert.Throws<FleetValidationException>(() => FleetParser.Parse(json)).Errors;

    private static JsonObject Merge(string baseJson, string overrides)
    {
        var target = JsonNode.Parse(baseJson)!.AsObject();
        foreach (var (key, value) in JsonNode.Parse(overrides)!.AsObject())
        {
            target[key] = value?.DeepClone();
        }

        return target;
    }
}
