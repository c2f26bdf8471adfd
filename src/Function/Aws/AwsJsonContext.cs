using System.Text.Json.Serialization;

namespace EcrPublicLambda.Aws;

/// <summary>The JSON of the AWS clients (ECR Public and EKS responses, the kubectl exec credential), source-generated.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(EcrAuthorizationTokenResponse))]
[JsonSerializable(typeof(EksDescribeClusterResponse))]
[JsonSerializable(typeof(ExecCredential))]
internal sealed partial class AwsJsonContext : JsonSerializerContext;
