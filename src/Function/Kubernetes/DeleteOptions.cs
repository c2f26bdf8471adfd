using System.Text.Json.Serialization;

namespace EcrPublicLambda.Kubernetes;

/// <summary>
/// The body of a DELETE: <c>DeleteOptions</c> with preconditions, so the API server deletes the object only while it
/// is still the one that was read (same uid, same resourceVersion) and answers 409 Conflict otherwise; and, for a dry
/// run, <c>dryRun: ["All"]</c>. The dry run must be in the body: kube-apiserver reads a DELETE's options from its body
/// when it has one and looks at the query string only when it has none
/// (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/delete.go, DeleteResource), so a <c>?dryRun=All</c> beside
/// this body would be ignored and the Secret deleted for real.
/// </summary>
internal sealed record DeleteOptions(
    string Kind,
    string ApiVersion,
    DeletePreconditions Preconditions,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? DryRun)
{
    /// <summary>The only dryRun value the API server accepts (apimachinery meta/v1 validation, ValidateDryRun).</summary>
    internal const string DryRunAll = "All";

    internal static DeleteOptions For(string uid, string resourceVersion, bool dryRun) =>
        new("DeleteOptions", "v1", new DeletePreconditions(uid, resourceVersion), dryRun ? [DryRunAll] : null);
}
