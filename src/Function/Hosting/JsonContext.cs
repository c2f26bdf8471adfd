using System.Text.Json.Serialization;
using EcrPublicLambda.Refresh;

namespace EcrPublicLambda.Hosting;

/// <summary>All JSON of the function goes through this one source-generated context.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = false)]
[JsonSerializable(typeof(RefreshReport))]
[JsonSerializable(typeof(EcrPublicLambda.Kubernetes.DockerConfig))]
[JsonSerializable(typeof(EcrPublicLambda.Kubernetes.SecretApplyConfiguration))]
[JsonSerializable(typeof(IReadOnlyList<EcrPublicLambda.Kubernetes.JsonPatchOperation>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(List<Dictionary<string, string>>))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(k8s.Models.V1Status))]
[JsonSerializable(typeof(k8s.Models.V1ServiceAccount))]
internal sealed partial class JsonContext : JsonSerializerContext;
