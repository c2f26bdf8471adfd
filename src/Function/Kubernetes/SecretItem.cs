using k8s.Models;

namespace EcrPublicLambda.Kubernetes;

/// <summary>
/// A Secret as read for <see cref="ListedSecret"/>: its metadata, its type and, of its data, the <c>.dockerconfigjson</c>
/// key only (the deserializer skips every other key, so no other credential is ever read into memory).
/// </summary>
internal sealed record SecretItem(V1ObjectMeta? Metadata, string? Type, SecretItemData? Data);
