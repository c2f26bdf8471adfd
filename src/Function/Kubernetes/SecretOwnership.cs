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

    /// <summary>Null when the Secret is this tool's; otherwise why it is not, as a phrase ("is not labelled ...").</summary>
    /// <remarks><paramref name="instance"/> null: any deployment's Secret counts (a read-only status that judges authorship only).</remarks>
    internal static string? WhyNotOurs(V1ObjectMeta metadata, string? instance = null)
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

        if (!ours)
        {
            return $"has no data owned by the field manager {KubernetesCluster.FieldManager}";
        }

        if (instance is null)
        {
            return null;
        }

        var labelled = metadata.Labels.TryGetValue(KubernetesCluster.InstanceLabel, out var value) ? value : Configuration.Fleet.DefaultInstance;
        return string.Equals(labelled, instance, StringComparison.Ordinal)
            ? null
            : $"belongs to another deployment ({KubernetesCluster.InstanceLabel}={labelled}, this one is {instance})";
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
