using YamlDotNet.RepresentationModel;

namespace EcrPublicLambda.Cdk.Tests;

/// <summary>Reads a rendered manifest back: its YAML documents (a syntax error fails the test), scalars and string lists.</summary>
internal static class ManifestYaml
{
    internal static List<YamlNode> Documents(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return [.. stream.Documents.Select(document => document.RootNode)];
    }

    internal static string Scalar(YamlNode node, params string[] path) =>
        ((YamlScalarNode)path.Aggregate(node, (current, key) => current[key])).Value!;

    internal static string[] Strings(YamlNode node, string key) =>
        [.. ((YamlSequenceNode)node[key]).Select(item => ((YamlScalarNode)item).Value!)];
}
