namespace EcrPublicLambda.Kubernetes;

/// <summary>The metadata of an apply body: identity plus the labels and annotations this tool owns.</summary>
internal sealed record ApplyObjectMeta(
    string Name,
    string Namespace,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations);
