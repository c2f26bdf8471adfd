using System.Text.Encodings.Web;
using System.Text.Json;
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
[JsonSerializable(typeof(EcrPublicLambda.Kubernetes.DockerConfig))]
[JsonSerializable(typeof(EcrPublicLambda.Kubernetes.SecretApplyConfiguration))]
[JsonSerializable(typeof(IReadOnlyList<EcrPublicLambda.Kubernetes.JsonPatchOperation>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(List<Dictionary<string, string>>))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(k8s.Models.V1Status))]
[JsonSerializable(typeof(k8s.Models.V1ServiceAccount))]
[JsonSerializable(typeof(k8s.Models.V1NamespaceList))]
[JsonSerializable(typeof(EcrPublicLambda.Hosting.Lambda.InvocationError))]
internal sealed partial class JsonContext : JsonSerializerContext
{
    /// <summary>
    /// Compact, and without the HTML-safe escaping of quotes and angle brackets (<c>\u0022</c>): what we write is read by
    /// people and tools (reports, responses), never embedded in HTML.
    /// </summary>
    internal static JsonContext Relaxed => relaxed.Value;

    /// <summary>As <see cref="Relaxed"/>, indented: the report of <c>bootstrap refresh</c> on a terminal.</summary>
    internal static JsonContext Indented => indented.Value;

    // Lazy: the generated Default must be initialized before it is copied.
    private static readonly Lazy<JsonContext> relaxed = new(() => Create(indented: false));
    private static readonly Lazy<JsonContext> indented = new(() => Create(indented: true));

    private static JsonContext Create(bool indented) =>
        new(new JsonSerializerOptions(Default.Options)
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            WriteIndented = indented,
            TypeInfoResolver = null,
        });
}
