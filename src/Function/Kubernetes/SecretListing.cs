namespace EcrPublicLambda.Kubernetes;

/// <summary>
/// The answer to one cluster-wide list of a Secret name: the Secrets found (every namespace), or why there are none:
/// <see cref="Forbidden"/> when the caller may not list Secrets across the cluster (RBAC grants it per namespace only),
/// else <see cref="Error"/>.
/// </summary>
internal sealed record SecretListing(IReadOnlyList<ListedSecret>? Secrets, bool Forbidden, string? Error);
