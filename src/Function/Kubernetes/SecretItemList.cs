using k8s.Models;

namespace EcrPublicLambda.Kubernetes;

/// <summary>One page of a Secret list as read: its paging (<c>metadata.continue</c>) and its items as <see cref="SecretItem"/>s.</summary>
internal sealed record SecretItemList(V1ListMeta? Metadata, IReadOnlyList<SecretItem?>? Items);
