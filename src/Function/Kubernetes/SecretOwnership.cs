using System.Text.Json;
using k8s.Models;

namespace EcrPublicLambda.Kubernetes;

/// <summary>
/// Whether a Secret, as read, is this tool's to delete: it carries our <c>app.kubernetes.io/managed-by</c> label AND
/// our field manager owns its data (<c>metadata.managedFields</c>: an entry of manager <c>ecr-public-lambda</c>
/// whose <c>fieldsV1</c> holds <c>f:data</c> / <c>f:.dockerconfigjson</c>), and no other manager owns any data key.
/// A label alone proves nothing (anyone can copy it); field ownership is what the API server itself records.
/// And it is this deployment's: its <c>ecr-public-lambda/instance</c> label names the fleet's <c>instance</c> (no such
/// label: <c>default</c>, as Secrets written before the label existed), so two deployments that share a cluster and a
/// Secret name never remove each other's Secrets.
/// </summary>
internal static class SecretOwnership
{
    private const string DataField = "f:data";
    private const string DockerConfigField = "f:" + KubernetesCluster.DockerConfigKey;

    /// <summary>Null when the Secret is this tool's, of <paramref name="instance"/>; otherwise why it is not, as a phrase ("is not labelled ...").</summary>
    internal static string? WhyNotOurs(V1ObjectMeta metadata, string instance) =>
        Authorship(metadata) ?? OtherInstance(InstanceOf(metadata), instance);

    /// <summary>The deployment a Secret's <c>ecr-public-lambda/instance</c> label names; <c>default</c> without the label.</summary>
    internal static string InstanceOf(V1ObjectMeta metadata) =>
        metadata.Labels is { } labels && labels.TryGetValue(KubernetesCluster.InstanceLabel, out var value) ? value : Configuration.Fleet.DefaultInstance;

    /// <summary>Null when <paramref name="labelled"/> (the Secret's instance) is <paramref name="instance"/>; else why it is another deployment's.</summary>
    internal static string? OtherInstance(string labelled, string instance) =>
        string.Equals(labelled, instance, StringComparison.Ordinal)
            ? null
            : $"belongs to another deployment ({KubernetesCluster.InstanceLabel}={labelled}, this one is {instance})";

    /// <summary>
    /// Null when this tool wrote the Secret (the label and the field ownership above), whatever deployment it belongs to;
    /// otherwise why not.
    /// </summary>
    internal static string? Authorship(V1ObjectMeta metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (metadata.Labels is null
            || !metadata.Labels.TryGetValue(KubernetesCluster.ManagedByLabel, out var managedBy)
            || !string.Equals(managedBy, KubernetesCluster.FieldManager, StringComparison.Ordinal))
        {
            return $"is not labelled {KubernetesCluster.ManagedByLabel}={KubernetesCluster.FieldManager}";
        }

        var ours = false;
        var others = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var entry in metadata.ManagedFields ?? [])
        {
            var keys = DataKeys(entry?.FieldsV1);
            if (keys.Count == 0)
            {
                continue;
            }

            if (string.Equals(entry!.Manager, KubernetesCluster.FieldManager, StringComparison.Ordinal))
            {
                ours |= keys.Contains(DockerConfigField);
            }
            else
            {
                others.Add(entry.Manager ?? "(unnamed)");
            }
        }

        if (others.Count > 0)
        {
            return $"has data owned by another field manager ({string.Join(", ", others)})";
        }

        return ours ? null : $"has no data owned by the field manager {KubernetesCluster.FieldManager}";
    }

    /// <summary>The data keys (<c>f:...</c> under <c>f:data</c>) a managed-fields entry owns; the map's own <c>"."</c> is no key.</summary>
    private static HashSet<string> DataKeys(object? fieldsV1)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        if (fieldsV1 is JsonElement { ValueKind: JsonValueKind.Object } fields
            && fields.TryGetProperty(DataField, out var data)
            && data.ValueKind == JsonValueKind.Object)
        {
            foreach (var key in data.EnumerateObject())
            {
                if (key.Name.StartsWith("f:", StringComparison.Ordinal))
                {
                    keys.Add(key.Name);
                }
            }
        }

        return keys;
    }
}
