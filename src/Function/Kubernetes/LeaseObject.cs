namespace EcrPublicLambda.Kubernetes;

/// <summary>
/// A <c>coordination.k8s.io/v1</c> Lease as this tool writes and reads it: its metadata and spec. The timestamps are
/// strings in the API's MicroTime form (see <see cref="LeaseSpec"/>), which a <see cref="DateTime"/> would not keep.
/// </summary>
internal sealed record LeaseObject(string? ApiVersion, string? Kind, LeaseMetadata? Metadata, LeaseSpec? Spec)
{
    internal const string GroupVersion = "coordination.k8s.io/v1";
}
