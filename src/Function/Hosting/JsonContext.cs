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
[JsonSerializable(typeof(EcrPublicLambda.Aws.EcrAuthorizationTokenResponse))]
[JsonSerializable(typeof(EcrPublicLambda.Aws.EksDescribeClusterResponse))]
[JsonSerializable(typeof(EcrPublicLambda.Aws.ExecCredential))]
internal sealed partial class JsonContext : JsonSerializerContext;
