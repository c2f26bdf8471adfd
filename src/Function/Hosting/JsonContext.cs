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
[JsonSerializable(typeof(EcrPublicLambda.Hosting.Lambda.InvocationError))]
internal sealed partial class JsonContext : JsonSerializerContext;
