using System.Text.Json;

namespace EcrPublicLambda.Configuration;

/// <summary>
/// Walks a fleet document, collecting every error with its JSON path instead of stopping at the first.
/// One reader per parse; <see cref="ThrowIfInvalid"/> ends it.
/// </summary>
public sealed class FleetReader
{
    private static readonly string[] TopLevelFields = ["secretName", "adoptExisting", "instance", "clusters"];

    private static readonly string[] ClusterFields =
        [
            "name", "kind", "region", "namespaces", "excludeNamespaces", "namespaceSelector", "serviceAccounts", "roleArn", "endpoint",
            "certificateAuthority", "credentialsSecretArn", "kmsKeyArn",
        ];

    /// <summary>The fields only a <c>kubernetes</c> cluster has: on an EKS cluster they are an error naming the kind.</summary>
    private static readonly string[] KubernetesOnlyFields = ["credentialsSecretArn", "kmsKeyArn"];

    private readonly List<string> errors = [];

    public void AddError(string path, string message) => errors.Add($"{path}: {message}");

    /// <summary>Throws <see cref="FleetValidationException"/> with every error collected so far, if any.</summary>
    public void ThrowIfInvalid()
    {
        if (errors.Count > 0)
        {
            throw new FleetValidationException([.. errors]);
        }
    }

    /// <summary>Reads a whole fleet document (the config file's schema).</summary>
    public Fleet ReadDocument(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            AddError(JsonPath.Root, "expected a JSON object with a \"clusters\" array");
            return new Fleet(Fleet.DefaultSecretName, false, []);
        }

        var fields = ReadFields(root, string.Empty, TopLevelFields);
        var secretName = fields.TryGetValue("secretName", out var secret) && secret.ValueKind != JsonValueKind.Null
            ? ReadSecretName(secret, "secretName")
            : Fleet.DefaultSecretName;
        var adoptExisting = fields.TryGetValue("adoptExisting", out var adopt) && ReadBoolean(adopt, "adoptExisting");
        var instance = fields.TryGetValue("instance", out var named) && named.ValueKind != JsonValueKind.Null
            ? ReadString(named, "instance", FleetRules.LabelValue) ?? Fleet.DefaultInstance
            : Fleet.DefaultInstance;
        IReadOnlyList<ClusterConfig> clusters = [];
        if (fields.TryGetValue("clusters", out var list))
        {
            clusters = ReadClusters(list, "clusters");
        }
        else
        {
            AddError("clusters", "required field is missing");
        }

        return new Fleet(secretName, adoptExisting, clusters) { Instance = instance };
    }

    /// <summary>Checks a Secret name given outside a document (CDK context); reported under <paramref name="path"/>.</summary>
    public string CheckSecretName(string value, string path)
    {
        if (FleetRules.SecretName(value) is { } problem)
        {
            AddError(path, problem);
        }

        return value;
    }

    /// <summary>Reads the <c>clusters</c> array: each cluster, then duplicates of name + region.</summary>
    public IReadOnlyList<ClusterConfig> ReadClusters(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            AddError(path, "expected an array of cluster objects");
            return [];
        }

        var clusters = new List<ClusterConfig>();
        var seen = new Dictionary<(string Name, string Region), int>();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var itemPath = JsonPath.Index(path, index);
            var cluster = ReadCluster(item, itemPath);
            if (cluster is not null)
            {
                clusters.Add(cluster);
            }

            // A kubernetes cluster's region may come from its secret's ARN: the parsed cluster knows it.
            (string, string)? identity = cluster is not null ? (cluster.Name, cluster.Region)
                : item.ValueKind == JsonValueKind.Object
                  && item.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
                  && item.TryGetProperty("region", out var region) && region.ValueKind == JsonValueKind.String
                    ? (name.GetString()!, region.GetString()!)
                    : null;
            if (identity is { } key)
            {
                if (seen.TryGetValue(key, out var first))
                {
                    AddError(itemPath, $"duplicate cluster {JsonPath.Quote(key.Item1)} in region {JsonPath.Quote(key.Item2)} (same as {JsonPath.Index(path, first)})");
                }
                else
                {
                    seen.Add(key, index);
                }
            }

            index++;
        }

        if (index == 0)
        {
            AddError(path, "at least one cluster is required");
        }

        return clusters;
    }

    private ClusterConfig? ReadCluster(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            AddError(path, "expected a cluster object");
            return null;
        }

        var before = errors.Count;
        var fields = ReadFields(element, path, ClusterFields);
        var kind = Optional(fields, "kind", out var kindElement) ? ReadKind(kindElement, JsonPath.Property(path, "kind")) : ClusterKind.Eks;
        var name = ReadRequiredString(fields, path, "name", value => FleetRules.ClusterName(value, kind));
        var credentials = kind == ClusterKind.Kubernetes ? ReadKubernetesCredentials(fields, path) : default;
        if (kind == ClusterKind.Eks)
        {
            foreach (var field in KubernetesOnlyFields.Where(field => Optional(fields, field, out _)))
            {
                AddError(JsonPath.Property(path, field), "is not used by a cluster of kind \"eks\" (it reads the credentials of a cluster of kind \"kubernetes\")");
            }
        }

        var region = kind == ClusterKind.Kubernetes && !Optional(fields, "region", out _)
            ? credentials.SecretRegion
            : ReadRequiredString(fields, path, "region", value => FleetRules.Region(value) ?? AwsPartition.RegionProblem(value));
        if (kind == ClusterKind.Kubernetes && region is not null && credentials.SecretRegion is { } secretRegion && region != secretRegion)
        {
            AddError(JsonPath.Property(path, "region"),
                $"{JsonPath.Quote(region)} is not the region of credentialsSecretArn ({JsonPath.Quote(secretRegion)}); for a cluster of kind \"kubernetes\", region is the region of its secret (leave it out to take the ARN's)");
        }

        var namespacesPath = JsonPath.Property(path, "namespaces");
        IReadOnlyList<string> namespaces = [];
        if (fields.TryGetValue("namespaces", out var namespacesElement))
        {
            namespaces = ReadNames(namespacesElement, namespacesPath, "namespace", NamespacePattern.Problem);
            if (namespacesElement.ValueKind == JsonValueKind.Array && namespacesElement.GetArrayLength() == 0)
            {
                AddError(namespacesPath, "at least one namespace is required");
            }
        }
        else
        {
            AddError(namespacesPath, "required field is missing");
        }

        var serviceAccounts = Optional(fields, "serviceAccounts", out var accountsElement)
            ? ReadNames(accountsElement, JsonPath.Property(path, "serviceAccounts"), "service account")
            : [];
        var excludeNamespaces = Optional(fields, "excludeNamespaces", out var excludeElement)
            ? ReadNames(excludeElement, JsonPath.Property(path, "excludeNamespaces"), "namespace", NamespacePattern.Problem)
            : [];
        var namespaceSelector = Optional(fields, "namespaceSelector", out var selectorElement)
            ? ReadString(selectorElement, JsonPath.Property(path, "namespaceSelector"), LabelSelector.Problem)
            : null;
        var roleArn = Optional(fields, "roleArn", out var roleElement)
            ? ReadString(roleElement, JsonPath.Property(path, "roleArn"), value => (FleetRules.RoleArn(value) ?? AwsPartition.ArnProblem(value)) is { } problem
                ? kind == ClusterKind.Kubernetes ? problem + " (for a cluster of kind \"kubernetes\", roleArn is the role that reads credentialsSecretArn)" : problem
                : null)
            : null;

        Uri? endpoint = null;
        var hasEndpoint = Optional(fields, "endpoint", out var endpointElement);
        if (hasEndpoint)
        {
            ReadString(endpointElement, JsonPath.Property(path, "endpoint"), value => FleetRules.Endpoint(value, out endpoint));
        }

        var hasAuthority = Optional(fields, "certificateAuthority", out var authorityElement);
        var certificateAuthority = hasAuthority
            ? ReadString(authorityElement, JsonPath.Property(path, "certificateAuthority"), FleetRules.CertificateAuthority)
            : null;

        if (kind == ClusterKind.Kubernetes)
        {
            foreach (var (field, present) in new[] { ("endpoint", hasEndpoint), ("certificateAuthority", hasAuthority) })
            {
                if (!present)
                {
                    AddError(JsonPath.Property(path, field), "required for a cluster of kind \"kubernetes\" (its API server and CA are not looked up)");
                }
            }
        }
        else if (hasEndpoint != hasAuthority)
        {
            var (missing, present) = hasEndpoint ? ("certificateAuthority", "endpoint") : ("endpoint", "certificateAuthority");
            AddError(JsonPath.Property(path, missing), $"required when \"{present}\" is set (give both or neither)");
        }

        return errors.Count == before
            ? new ClusterConfig(name!, region!, namespaces, serviceAccounts, roleArn, endpoint, certificateAuthority)
            {
                ExcludeNamespaces = excludeNamespaces,
                NamespaceSelector = namespaceSelector is null ? null : LabelSelector.Parse(namespaceSelector),
                Kind = kind,
                CredentialsSecretArn = credentials.SecretArn,
                KmsKeyArn = credentials.KmsKeyArn,
            }
            : null;
    }

    private ClusterKind ReadKind(JsonElement element, string path)
    {
        switch (element.ValueKind == JsonValueKind.String ? element.GetString() : null)
        {
            case "eks":
                return ClusterKind.Eks;
            case "kubernetes":
                return ClusterKind.Kubernetes;
            case { } other:
                AddError(path, $"{JsonPath.Quote(other)} is not a cluster kind (expected \"eks\", the default, or \"kubernetes\")");
                return ClusterKind.Eks;
            default:
                AddError(path, "expected a string (\"eks\" or \"kubernetes\")");
                return ClusterKind.Eks;
        }
    }

    /// <summary>
    /// <c>credentialsSecretArn</c> (required) and <c>kmsKeyArn</c> of a <c>kubernetes</c> cluster; the key must be in the
    /// secret's region, since Secrets Manager decrypts with it there (kms:ViaService).
    /// </summary>
    private (string? SecretArn, string? KmsKeyArn, string? SecretRegion) ReadKubernetesCredentials(Dictionary<string, JsonElement> fields, string path)
    {
        var before = errors.Count;
        var secretArn = ReadRequiredString(fields, path, "credentialsSecretArn", value => FleetRules.SecretArn(value) ?? AwsPartition.ArnProblem(value));
        var secretRegion = secretArn is not null && errors.Count == before ? FleetRules.ArnRegion(secretArn) : null;
        if (secretRegion is not null && (FleetRules.Region(secretRegion) ?? AwsPartition.RegionProblem(secretRegion)) is { } regionProblem)
        {
            AddError(JsonPath.Property(path, "credentialsSecretArn"), regionProblem);
            secretRegion = null;
        }

        string? keyArn = null;
        if (Optional(fields, "kmsKeyArn", out var keyElement))
        {
            var keyPath = JsonPath.Property(path, "kmsKeyArn");
            var keyBefore = errors.Count;
            keyArn = ReadString(keyElement, keyPath, value => FleetRules.KmsKeyArn(value) ?? AwsPartition.ArnProblem(value));
            if (keyArn is not null && errors.Count == keyBefore && secretRegion is not null && FleetRules.ArnRegion(keyArn) != secretRegion)
            {
                AddError(keyPath, $"the key is in {JsonPath.Quote(FleetRules.ArnRegion(keyArn))}, not in the secret's region {JsonPath.Quote(secretRegion)}");
            }
        }

        return (secretArn, keyArn, secretRegion);
    }

    /// <summary>The fields of an object by name; reports unknown and repeated fields.</summary>
    private Dictionary<string, JsonElement> ReadFields(JsonElement element, string path, string[] known)
    {
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var fieldPath = JsonPath.Property(path, property.Name);
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                var hint = FieldSuggestion.Closest(property.Name, known) is { } suggestion
                    ? $"did you mean \"{suggestion}\"?"
                    : $"expected one of: {string.Join(", ", known)}";
                AddError(fieldPath, $"unknown field ({hint})");
            }
            else if (!fields.TryAdd(property.Name, property.Value))
            {
                AddError(fieldPath, "field appears more than once");
            }
        }

        return fields;
    }

    /// <summary>True when an optional field is present and not null (null means absent).</summary>
    private static bool Optional(Dictionary<string, JsonElement> fields, string name, out JsonElement value) =>
        fields.TryGetValue(name, out value) && value.ValueKind != JsonValueKind.Null;

    private string? ReadRequiredString(Dictionary<string, JsonElement> fields, string path, string name, Func<string, string?> rule)
    {
        var fieldPath = JsonPath.Property(path, name);
        if (fields.TryGetValue(name, out var element))
        {
            return ReadString(element, fieldPath, rule);
        }

        AddError(fieldPath, "required field is missing");
        return null;
    }

    private string? ReadString(JsonElement element, string path, Func<string, string?> rule)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            AddError(path, "expected a string");
            return null;
        }

        var value = element.GetString()!;
        if (rule(value) is { } problem)
        {
            AddError(path, problem);
        }

        return value;
    }

    private string ReadSecretName(JsonElement element, string path) =>
        ReadString(element, path, FleetRules.SecretName) ?? Fleet.DefaultSecretName;

    private bool ReadBoolean(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False or JsonValueKind.Null:
                return false;
            default:
                AddError(path, "expected true or false");
                return false;
        }
    }

    /// <summary>An array of DNS-1123 label names (or what <paramref name="rule"/> allows) without repeats; <paramref name="what"/> names the kind in messages.</summary>
    private List<string> ReadNames(JsonElement element, string path, string what, Func<string, string?>? rule = null)
    {
        rule ??= name => FleetRules.DnsLabel(name, what);
        var names = new List<string>();
        if (element.ValueKind != JsonValueKind.Array)
        {
            AddError(path, "expected an array of strings");
            return names;
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var itemPath = JsonPath.Index(path, index);
            var name = item.ValueKind == JsonValueKind.String ? item.GetString()! : null;
            if (name is null)
            {
                AddError(itemPath, "expected a string");
            }
            else if (rule(name) is { } problem)
            {
                AddError(itemPath, problem);
            }
            else if (seen.TryGetValue(name, out var first))
            {
                AddError(itemPath, $"duplicate {what} {JsonPath.Quote(name)} (same as {JsonPath.Index(path, first)})");
            }
            else
            {
                seen.Add(name, index);
                names.Add(name);
            }

            index++;
        }

        return names;
    }
}
