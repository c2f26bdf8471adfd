using System.Text.Json.Serialization;

namespace EcrPublicLambda.Kubernetes;

/// <summary>The JSON the Kubernetes writer sends and reads (apply, patch and delete bodies, Status, ServiceAccount, a Secret's metadata, the run's Lease), source-generated.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(DockerConfig))]
[JsonSerializable(typeof(SecretApplyConfiguration))]
[JsonSerializable(typeof(IReadOnlyList<JsonPatchOperation>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(List<Dictionary<string, string>>))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(k8s.Models.V1Status))]
[JsonSerializable(typeof(k8s.Models.V1ServiceAccount))]
[JsonSerializable(typeof(k8s.Models.V1NamespaceList))]
[JsonSerializable(typeof(ObjectWithMetadata))]
[JsonSerializable(typeof(SecretItem))]
[JsonSerializable(typeof(SecretItemList))]
[JsonSerializable(typeof(DeleteOptions))]
[JsonSerializable(typeof(LeaseObject))]
internal sealed partial class KubernetesJsonContext : JsonSerializerContext;
