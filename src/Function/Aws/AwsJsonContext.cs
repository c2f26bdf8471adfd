using System.Text.Json.Serialization;

namespace EcrPublicLambda.Aws;

/// <summary>The JSON of the AWS clients (ECR Public, EKS, Secrets Manager, SSM and Lambda bodies, the kubectl exec credential), source-generated.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(EcrAuthorizationTokenResponse))]
[JsonSerializable(typeof(EksDescribeClusterResponse))]
[JsonSerializable(typeof(ExecCredential))]
[JsonSerializable(typeof(SecretsManagerGetSecretValueResponse))]
[JsonSerializable(typeof(SsmGetParameterRequest))]
[JsonSerializable(typeof(SsmGetParameterResponse))]
[JsonSerializable(typeof(LambdaConcurrency))]
internal sealed partial class AwsJsonContext : JsonSerializerContext;
