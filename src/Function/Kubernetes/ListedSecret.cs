using System.Globalization;
using System.Text.Json;

namespace EcrPublicLambda.Kubernetes;

/// <summary>
/// A pull Secret as a list or a GET found it, without its payload or its metadata maps (a foreign Secret's annotations can
/// hold its data, e.g. kubectl's last-applied-configuration): where it is, its type, whether this tool wrote it
/// (<see cref="Authorship"/>) and for which deployment (<see cref="Instance"/>), when our field manager last wrote it,
/// when the password it holds expires (our annotation; null when absent or unreadable), and which registry hosts its
/// <c>.dockerconfigjson</c> has entries for (the <c>auths</c> keys only). The one record the sweep, the oldest-Secret age
/// and <c>bootstrap status</c> read.
/// </summary>
internal sealed record ListedSecret(
    string Namespace,
    string? Type,
    string? Authorship,
    string Instance,
    DateTimeOffset? WrittenAt,
    DateTimeOffset? ExpiresAt,
    IReadOnlyList<string> Registries)
{
    /// <summary>Null when this Secret is ours, of <paramref name="instance"/>; else why not (<see cref="SecretOwnership.WhyNotOurs"/>).</summary>
    internal string? WhyNotOurs(string instance) => Authorship ?? SecretOwnership.OtherInstance(Instance, instance);

    /// <summary>
    /// The listed Secret of <paramref name="item"/>, or null when it lacks a namespace. The <c>.dockerconfigjson</c> bytes
    /// are cleared once its registry hosts are read.
    /// </summary>
    internal static ListedSecret? From(SecretItem? item)
    {
        if (item?.Metadata is not { NamespaceProperty: { Length: > 0 } ns } metadata)
        {
            return null;
        }

        var written = metadata.ManagedFields?
            .Where(entry => entry is { Time: not null } && string.Equals(entry.Manager, KubernetesCluster.FieldManager, StringComparison.Ordinal))
            .Select(entry => (DateTimeOffset?)new DateTimeOffset(DateTime.SpecifyKind(entry.Time!.Value, DateTimeKind.Utc)))
            .Max()
            ?? (metadata.CreationTimestamp is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : null);
        DateTimeOffset? expires = metadata.Annotations is { } annotations
            && annotations.TryGetValue(KubernetesCluster.ExpiresAtAnnotation, out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
                ? parsed
                : null;
        return new ListedSecret(
            ns, item.Type, SecretOwnership.Authorship(metadata), SecretOwnership.InstanceOf(metadata), written, expires, RegistriesOf(item.Data?.DockerConfigJson));
    }

    private static IReadOnlyList<string> RegistriesOf(byte[]? payload)
    {
        if (payload is null)
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("auths", out var auths)
                && auths.ValueKind == JsonValueKind.Object
                ? [.. auths.EnumerateObject().Select(entry => entry.Name).Order(StringComparer.Ordinal)]
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
        finally
        {
            Array.Clear(payload);
        }
    }
}
