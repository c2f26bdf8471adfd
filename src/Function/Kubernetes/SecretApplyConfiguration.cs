using EcrPublicLambda.Common;

namespace EcrPublicLambda.Kubernetes;

/// <summary>
/// The server-side apply body of the Secret: exactly the fields this tool owns, nothing else (a field left out
/// of an apply is a field the manager gives up). Holds the Secret data: never printed.
/// </summary>
internal sealed record SecretApplyConfiguration(
    string ApiVersion,
    string Kind,
    ApplyObjectMeta Metadata,
    string Type,
    IReadOnlyDictionary<string, string> Data)
{
    public override string ToString() => $"SecretApplyConfiguration({Metadata.Name}, data: {Redaction.Marker})";
}
