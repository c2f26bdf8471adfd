using k8s.Models;

namespace EcrPublicLambda.Kubernetes;

/// <summary>
/// A Secret as a list found it, metadata only (its data is never read): where it is, its labels and annotations, its uid
/// and resourceVersion (a delete's preconditions), and its <c>managedFields</c> in <see cref="Metadata"/>, which
/// <see cref="SecretOwnership"/> judges.
/// </summary>
internal sealed record ListedSecret(
    string Namespace,
    string Uid,
    string ResourceVersion,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    V1ObjectMeta Metadata)
{
    /// <summary>Null when this Secret is ours, of <paramref name="instance"/>; else why not (<see cref="SecretOwnership.WhyNotOurs"/>).</summary>
    internal string? WhyNotOurs(string instance) => SecretOwnership.WhyNotOurs(Metadata, instance);

    /// <summary>The listed Secret of <paramref name="metadata"/>, or null when it lacks a namespace, uid or resourceVersion.</summary>
    internal static ListedSecret? From(V1ObjectMeta? metadata) =>
        metadata is { NamespaceProperty: { Length: > 0 } ns, Uid: { Length: > 0 } uid, ResourceVersion: { Length: > 0 } resourceVersion }
            ? new ListedSecret(
                ns,
                uid,
                resourceVersion,
                new Dictionary<string, string>(metadata.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal),
                new Dictionary<string, string>(metadata.Annotations ?? new Dictionary<string, string>(), StringComparer.Ordinal),
                metadata)
            : null;
}
