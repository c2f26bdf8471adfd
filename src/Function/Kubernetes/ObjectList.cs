using k8s.Models;

namespace EcrPublicLambda.Kubernetes;

/// <summary>
/// One page of any list as read for its paging (<c>metadata.continue</c>) and its items' metadata only: the deserializer
/// skips every other field (the data of a listed Secret is never kept).
/// </summary>
internal sealed record ObjectList(V1ListMeta? Metadata, IReadOnlyList<ObjectWithMetadata?>? Items);
