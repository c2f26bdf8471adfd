namespace EcrPublicLambda.Kubernetes;

/// <summary>
/// The metadata of an apply body: the name plus the labels and annotations this tool owns. No namespace: the API server
/// takes it from the request's URL, so one body serves every namespace of a run.
/// </summary>
internal sealed record ApplyObjectMeta(
    string Name,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations);
