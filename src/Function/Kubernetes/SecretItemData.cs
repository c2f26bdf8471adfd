using System.Text.Json.Serialization;

namespace EcrPublicLambda.Kubernetes;

/// <summary>The one data key of a Secret this tool reads: <c>.dockerconfigjson</c>, base64 in JSON, bytes here.</summary>
internal sealed record SecretItemData([property: JsonPropertyName(KubernetesCluster.DockerConfigKey)] byte[]? DockerConfigJson);
