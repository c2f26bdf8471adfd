using System.Text.Json.Serialization;
using EcrPublicLambda.Common;

namespace EcrPublicLambda.Kubernetes;

/// <summary>
/// The server-side apply body of the Secret: exactly the fields this tool owns, nothing else (a field left out
/// of an apply is a field the manager gives up). Holds the Secret data: never printed. The metadata is written last,
/// so that a server message echoing the body (a webhook) shows the data early, where its redaction is seen, whatever
/// the length of the annotations.
/// </summary>
internal sealed record SecretApplyConfiguration(
    string ApiVersion,
    string Kind,
    [property: JsonPropertyOrder(1)] ApplyObjectMeta Metadata,
    string Type,
    IReadOnlyDictionary<string, string> Data)
{
    public override string ToString() => $"SecretApplyConfiguration({Metadata.Name}, data: {Redaction.Marker})";
}
