using k8s.Models;

namespace EcrPublicLambda.Kubernetes;

/// <summary>
/// Any object as read for its metadata only: the deserializer skips every other field (a Secret's <c>data</c> is never
/// kept).
/// </summary>
internal sealed record ObjectWithMetadata(V1ObjectMeta? Metadata);
