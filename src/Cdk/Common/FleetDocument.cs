using System.Buffers;
using System.Text.Json;
using System.Text;
using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Cdk.Common;

/// <summary>
/// The fleet as JSON text: composed from CDK context (so that <see cref="FleetParser"/> reports the same paths as
/// <c>bootstrap validate</c> does for a file), and written back normalized as the asset's <c>clusters.json</c>.
/// </summary>
internal static class FleetDocument
{
    /// <summary>
    /// <c>{"secretName": ..., "adoptExisting": ..., "instance": ..., "clusters": [...]}</c>; members left null are left out, so the
    /// parser applies its defaults. Invalid <paramref name="clustersJson"/> is a <see cref="FleetValidationException"/>.
    /// </summary>
    internal static string Compose(string clustersJson, string? secretName, bool? adoptExisting, string? instance = null)
    {
        ArgumentNullException.ThrowIfNull(clustersJson);
        JsonDocument clusters;
        try
        {
            clusters = JsonDocument.Parse(clustersJson);
        }
        catch (JsonException e)
        {
            var reason = e.Message.Split(" LineNumber:", 2)[0].Trim();
            throw new FleetValidationException(
                [$"clusters: invalid JSON at line {(e.LineNumber ?? 0) + 1}, position {(e.BytePositionInLine ?? 0) + 1}: {reason}"]);
        }

        using (clusters)
        {
            return WriteJson(writer =>
            {
                writer.WriteStartObject();
                if (secretName is not null)
                {
                    writer.WriteString("secretName", secretName);
                }

                if (adoptExisting is { } adopt)
                {
                    writer.WriteBoolean("adoptExisting", adopt);
                }

                if (instance is not null)
                {
                    writer.WriteString("instance", instance);
                }

                writer.WritePropertyName("clusters");
                clusters.RootElement.WriteTo(writer);
                writer.WriteEndObject();
            });
        }
    }

    /// <summary>The validated fleet in the file schema, every default spelt out and empty optionals left out.</summary>
    internal static string Write(Fleet fleet, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        return WriteJson(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("secretName", fleet.SecretName);
            writer.WriteBoolean("adoptExisting", fleet.AdoptExisting);
            writer.WriteString("instance", fleet.Instance);
            WriteRegistries(writer, fleet.Registries);
            writer.WriteStartArray("clusters");
            foreach (var cluster in fleet.Clusters)
            {
                writer.WriteStartObject();
                writer.WriteString("name", cluster.Name);
                writer.WriteString("region", cluster.Region);
                WriteList(writer, "namespaces", cluster.Namespaces);
                if (cluster.ExcludeNamespaces.Count > 0)
                {
                    WriteList(writer, "excludeNamespaces", cluster.ExcludeNamespaces);
                }

                if (cluster.NamespaceSelector is { } selector)
                {
                    writer.WriteString("namespaceSelector", selector.ToString());
                }

                if (cluster.ServiceAccounts.Count > 0)
                {
                    WriteList(writer, "serviceAccounts", cluster.ServiceAccounts);
                }

                if (cluster.RoleArn is not null)
                {
                    writer.WriteString("roleArn", cluster.RoleArn);
                }

                if (cluster.Endpoint is not null && cluster.CertificateAuthority is not null)
                {
                    writer.WriteString("endpoint", cluster.Endpoint.OriginalString);
                    writer.WriteString("certificateAuthority", cluster.CertificateAuthority);
                }

                if (cluster.Registries is { } registries)
                {
                    WriteList(writer, "registries", registries);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }, indented);
    }

    /// <summary>The <c>registries</c>, every entry with its name spelt out (the function must see the file the deployment read).</summary>
    private static void WriteRegistries(Utf8JsonWriter writer, IReadOnlyList<RegistryConfig> registries)
    {
        writer.WriteStartArray("registries");
        foreach (var registry in registries)
        {
            writer.WriteStartObject();
            writer.WriteString("type", registry.TypeName);
            writer.WriteString("name", registry.Name);
            foreach (var (name, value) in new[]
            {
                ("registryId", registry.RegistryId), ("region", registry.Type == RegistryType.Ecr ? registry.Region : null), ("server", registry.Server),
                ("secretArn", registry.SecretArn), ("kmsKeyArn", registry.KmsKeyArn), ("roleArn", registry.RoleArn),
            })
            {
                if (value is not null)
                {
                    writer.WriteString(name, value);
                }
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteList(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static string WriteJson(Action<Utf8JsonWriter> write, bool indented = false)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
