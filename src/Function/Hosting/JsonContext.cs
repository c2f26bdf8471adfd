using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using EcrPublicLambda.Refresh;

namespace EcrPublicLambda.Hosting;

/// <summary>
/// The JSON the host writes: the run report (CLI and Lambda response) and the Runtime API error. Each area owns its
/// own source-generated context (<c>AwsJsonContext</c>, <c>KubernetesJsonContext</c>), so no lower layer reaches up here.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(RefreshReport))]
[JsonSerializable(typeof(StatusReport))]
[JsonSerializable(typeof(Lambda.InvocationError))]
[JsonSerializable(typeof(Lambda.CustomResourceResponse))]
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
