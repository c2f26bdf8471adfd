using System.Text.Json;

namespace EcrPublicLambda.Configuration;

/// <summary>The fleet's <c>registries</c> and each cluster's <c>registries</c> subset.</summary>
public sealed partial class FleetReader
{
    private static readonly string[] CommonRegistryFields = ["type", "name"];

    private static readonly string[][] RegistryFieldsByType =
    [
        [],
        ["registryId", "region", "roleArn"],
        ["server", "secretArn", "roleArn", "kmsKeyArn"],
    ];

    private static readonly string[] AllRegistryFields =
        [.. CommonRegistryFields, .. RegistryFieldsByType.SelectMany(fields => fields).Distinct(StringComparer.Ordinal)];

    /// <summary>Each cluster's <c>registries</c> as read, with its path, checked once the fleet's registries are known.</summary>
    private readonly List<(string Path, string Name)> clusterRegistries = [];

    /// <summary>
    /// Checks every cluster's <c>registries</c> read so far against the fleet's <paramref name="registries"/>: each name
    /// must be one of theirs.
    /// </summary>
    public void CheckClusterRegistries(IReadOnlyList<RegistryConfig> registries)
    {
        ArgumentNullException.ThrowIfNull(registries);
        var known = registries.Select(registry => registry.Name).ToList();
        foreach (var (path, name) in clusterRegistries.Where(entry => !known.Contains(entry.Name, StringComparer.Ordinal)))
        {
            var hint = FieldSuggestion.Closest(name, known) is { } suggestion ? $"did you mean \"{suggestion}\"? " : string.Empty;
            AddError(path, $"no registry is named {JsonPath.Quote(name)} ({hint}the fleet's registries: {string.Join(", ", known)})");
        }
    }

    /// <summary>The top-level <c>registries</c> array: each entry, then duplicate names and servers.</summary>
    private IReadOnlyList<RegistryConfig> ReadRegistries(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            AddError(path, "expected an array of registry objects");
            return RegistryConfig.Default;
        }

        var registries = new List<RegistryConfig>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var servers = new Dictionary<string, string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var itemPath = JsonPath.Index(path, index++);
            if (ReadRegistry(item, itemPath) is not { } registry)
            {
                continue;
            }

            if (!names.TryAdd(registry.Name, itemPath))
            {
                AddError(JsonPath.Property(itemPath, "name"), $"duplicate registry name {JsonPath.Quote(registry.Name)} (same as {names[registry.Name]}; give each entry its own \"name\")");
                continue;
            }

            foreach (var server in registry.Servers)
            {
                var identity = RegistryServer.Identity(server);
                if (!servers.TryAdd(identity, itemPath))
                {
                    AddError(itemPath, $"server {JsonPath.Quote(server)} is already written by {servers[identity]} (the kubelet would match both to the same images; keep one)");
                }
            }

            registries.Add(registry);
        }

        if (index == 0)
        {
            AddError(path, "at least one registry is required (leave the field out for ECR Public alone)");
        }

        return registries;
    }

    private RegistryConfig? ReadRegistry(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            AddError(path, "expected a registry object");
            return null;
        }

        var before = errors.Count;
        RegistryType? type = null;
        if (element.TryGetProperty("type", out var typeElement))
        {
            var typeName = typeElement.ValueKind == JsonValueKind.String ? typeElement.GetString()! : null;
            var at = typeName is null ? -1 : RegistryConfig.TypeNames.ToList().IndexOf(typeName);
            if (at >= 0)
            {
                type = (RegistryType)at;
            }
            else
            {
                var hint = typeName is not null && FieldSuggestion.Closest(typeName, RegistryConfig.TypeNames) is { } suggestion
                    ? $"did you mean \"{suggestion}\"?"
                    : $"expected one of: {string.Join(", ", RegistryConfig.TypeNames)}";
                AddError(JsonPath.Property(path, "type"), typeName is null ? "expected a string" : $"unknown registry type {JsonPath.Quote(typeName)} ({hint})");
            }
        }
        else
        {
            AddError(JsonPath.Property(path, "type"), $"required field is missing (one of: {string.Join(", ", RegistryConfig.TypeNames)})");
        }

        var fields = ReadFields(element, path, type is { } known ? [.. CommonRegistryFields, .. RegistryFieldsByType[(int)known]] : AllRegistryFields);
        var name = Optional(fields, "name", out var nameElement)
            ? ReadString(nameElement, JsonPath.Property(path, "name"), RegistryName)
            : null;
        if (type is null)
        {
            return null;
        }

        var registry = type switch
        {
            RegistryType.EcrPublic => RegistryConfig.EcrPublic(),
            RegistryType.Ecr => ReadEcr(fields, path),
            _ => ReadSecretsManager(fields, path),
        };
        return errors.Count == before ? registry with { Name = name ?? DefaultName(registry) } : null;
    }

    private RegistryConfig ReadEcr(Dictionary<string, JsonElement> fields, string path) =>
        new(string.Empty, RegistryType.Ecr)
        {
            RegistryId = ReadRequiredString(fields, path, "registryId", FleetRules.AccountId),
            Region = ReadRequiredString(fields, path, "region", value => FleetRules.Region(value) ?? AwsPartition.RegionProblem(value)),
            RoleArn = ReadRoleArn(fields, path),
        };

    private RegistryConfig ReadSecretsManager(Dictionary<string, JsonElement> fields, string path)
    {
        var secretArn = ReadRequiredString(fields, path, "secretArn", value => FleetRules.SecretArn(value) ?? AwsPartition.ArnProblem(value));
        var region = secretArn is not null && FleetRules.SecretArn(secretArn) is null ? FleetRules.ArnRegion(secretArn) : null;
        var kmsKeyArn = Optional(fields, "kmsKeyArn", out var keyElement)
            ? ReadString(keyElement, JsonPath.Property(path, "kmsKeyArn"), value =>
                FleetRules.KmsKeyArn(value) ?? AwsPartition.ArnProblem(value)
                ?? (region is not null && FleetRules.ArnRegion(value) != region
                    ? $"is in {FleetRules.ArnRegion(value)}, but the secret is in {region}: Secrets Manager decrypts with a key of the secret's own region"
                    : null))
            : null;
        return new(string.Empty, RegistryType.SecretsManager)
        {
            Server = ReadRequiredString(fields, path, "server", RegistryServer.Problem),
            SecretArn = secretArn,
            Region = region,
            KmsKeyArn = kmsKeyArn,
            RoleArn = ReadRoleArn(fields, path),
        };
    }

    private string? ReadRoleArn(Dictionary<string, JsonElement> fields, string path) =>
        Optional(fields, "roleArn", out var roleElement)
            ? ReadString(roleElement, JsonPath.Property(path, "roleArn"), value => FleetRules.RoleArn(value) ?? AwsPartition.ArnProblem(value))
            : null;

    /// <summary>An entry without <c>name</c> is called by its type (ECR Public) or by the server it writes first.</summary>
    private static string DefaultName(RegistryConfig registry) =>
        registry.Type == RegistryType.EcrPublic ? "ecr-public" : registry.Servers[0];

    private static string? RegistryName(string value) =>
        value.Length is > 0 and <= 253 && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == ',')
            ? null
            : $"{JsonPath.Quote(value)} is not a valid registry name (1-253 characters, no spaces or commas)";

    /// <summary>A cluster's <c>registries</c>: names, each once; checked against the fleet's by <see cref="CheckClusterRegistries"/>.</summary>
    private List<string> ReadClusterRegistries(JsonElement element, string path)
    {
        var names = ReadNames(element, path, "registry", RegistryName);
        if (element.ValueKind == JsonValueKind.Array && element.GetArrayLength() == 0)
        {
            AddError(path, "at least one registry is required (leave the field out for every registry of the fleet)");
        }

        if (element.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && RegistryName(item.GetString()!) is null)
                {
                    clusterRegistries.Add((JsonPath.Index(path, index), item.GetString()!));
                }

                index++;
            }
        }

        return names;
    }
}
