using System.Text.Json.Serialization;

namespace EcrPublicLambda.Kubernetes;

/// <summary>
/// The metadata of a <see cref="LeaseObject"/>: its name and our label when written; the <c>resourceVersion</c> an update
/// is guarded by (the API server refuses an update of a Lease without one, and with a stale one answers 409).
/// </summary>
internal sealed record LeaseMetadata(
    string? Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Uid,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ResourceVersion,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? Labels);
