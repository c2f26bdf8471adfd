using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace EcrPublicLambda.Fakes;

/// <summary>
/// The options of a request as kube-apiserver reads and validates them. A write's options come from the query string
/// (create.go, update.go, patch.go: <c>ParameterCodec.DecodeParameters</c>), a DELETE's from its body when it has one and
/// from the query only when it has none (delete.go, <c>DeleteResource</c>: <c>if len(body) &gt; 0</c>). Then they are
/// validated (apimachinery <c>pkg/apis/meta/v1/validation/validation.go</c>: <c>ValidateCreateOptions</c>,
/// <c>ValidatePatchOptions</c>, <c>ValidateDeleteOptions</c>, ...): <c>dryRun</c> takes only <c>All</c>, <c>fieldValidation</c>
/// only <c>Ignore</c>, <c>Warn</c> or <c>Strict</c>, <c>force</c> only on an apply patch, which needs a <c>fieldManager</c>;
/// anything else is 422 Invalid naming the options kind (<c>PatchOptions.meta.k8s.io "" is invalid: ...</c>). Reads
/// (get, list) decode options that have no dryRun: a <c>dryRun</c> on them is ignored.
/// </summary>
internal static class FakeKubernetesRequestOptions
{
    private const string DryRunAll = "All";
    private static readonly string[] FieldValidationValues = [string.Empty, "Ignore", "Strict", "Warn"];

    /// <summary>The options of a create, update or patch (from the query); 422 when they do not validate.</summary>
    internal static (bool DryRun, bool Force, string FieldManager) ForWrite(string verb, IQueryCollection query, bool applyPatch)
    {
        var kind = verb switch { "create" => "CreateOptions", "update" => "UpdateOptions", _ => "PatchOptions" };
        var errors = new List<(string Field, string Type, string Body)>();
        var hasForce = query.ContainsKey("force");
        var fieldManager = query["fieldManager"].ToString();
        if (verb == "patch" && !applyPatch && hasForce)
        {
            errors.Add(("force", "FieldValueForbidden", "Forbidden: may not be specified for non-apply patch"));
        }

        if (verb == "patch" && applyPatch && fieldManager.Length == 0)
        {
            errors.Add(("fieldManager", "FieldValueRequired", "Required value: is required for apply patch"));
        }

        var dryRun = DryRun(query["dryRun"].Select(v => v ?? string.Empty).ToList(), errors);
        var fieldValidation = query["fieldValidation"].ToString();
        if (!FieldValidationValues.Contains(fieldValidation, StringComparer.Ordinal))
        {
            errors.Add(("fieldValidation", "FieldValueNotSupported",
                $"Unsupported value: \"{fieldValidation}\": supported values: {string.Join(", ", FieldValidationValues.Select(v => $"\"{v}\""))}"));
        }

        Throw(kind, errors);
        return (dryRun, string.Equals(query["force"].ToString(), "true", StringComparison.Ordinal), fieldManager);
    }

    /// <summary>
    /// The options of a DELETE: from the <c>DeleteOptions</c> body when there is one (its <c>preconditions</c> and
    /// <c>dryRun</c>; the query is then not read at all), else from the query (<c>dryRun</c>; preconditions cannot be
    /// given there). 422 when they do not validate, 400 when the body is not a DeleteOptions.
    /// </summary>
    internal static async Task<(string? Uid, string? ResourceVersion, bool DryRun)> ForDeleteAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        var errors = new List<(string Field, string Type, string Body)>();
        if (text.Length == 0)
        {
            var fromQuery = DryRun(context.Request.Query["dryRun"].Select(v => v ?? string.Empty).ToList(), errors);
            Throw("DeleteOptions", errors);
            return (null, null, fromQuery);
        }

        JsonObject options;
        try
        {
            options = JsonNode.Parse(text) as JsonObject ?? throw FakeKubernetesStatus.BadRequest("the request body is not an object");
        }
        catch (JsonException)
        {
            throw FakeKubernetesStatus.BadRequest("the request body is not valid JSON");
        }

        if ((string?)options["kind"] is { } kind && kind != "DeleteOptions")
        {
            throw FakeKubernetesStatus.BadRequest($"the body of the request was of kind {kind}, not DeleteOptions");
        }

        var values = options["dryRun"] switch
        {
            null => [],
            JsonArray array => array.Select(value => value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "null").ToList(),
            _ => throw FakeKubernetesStatus.BadRequest("dryRun in the DeleteOptions body must be a list of strings"),
        };
        var dryRun = DryRun(values, errors);
        Throw("DeleteOptions", errors);
        var preconditions = options["preconditions"] as JsonObject;
        return ((string?)preconditions?["uid"], (string?)preconditions?["resourceVersion"], dryRun);
    }

    /// <summary>True for <c>["All"]</c> (or more <c>All</c>s), false for none; any other value is an error (ValidateDryRun).</summary>
    private static bool DryRun(List<string> values, List<(string Field, string Type, string Body)> errors)
    {
        if (values.Any(value => value != DryRunAll))
        {
            // field.NotSupported prints a []string with Go's %#v.
            errors.Add(("dryRun", "FieldValueNotSupported",
                $"Unsupported value: []string{{{string.Join(", ", values.Select(v => $"\"{v}\""))}}}: supported values: \"{DryRunAll}\""));
        }

        return values.Count > 0;
    }

    /// <summary>
    /// errors.NewInvalid for the options kind in group meta.k8s.io with no name: one cause per error, and the message
    /// <c>KIND.meta.k8s.io "" is invalid: FIELD: BODY</c> (several errors: <c>[e1, e2]</c>, as an error aggregate prints).
    /// </summary>
    private static void Throw(string kind, List<(string Field, string Type, string Body)> errors)
    {
        if (errors.Count == 0)
        {
            return;
        }

        var lines = errors.Select(e => $"{e.Field}: {e.Body}").ToList();
        var aggregate = lines.Count == 1 ? lines[0] : "[" + string.Join(", ", lines) + "]";
        var causes = new JsonArray([.. errors.Select(e => (JsonNode)new JsonObject { ["reason"] = e.Type, ["message"] = e.Body, ["field"] = e.Field })]);
        throw new FakeKubernetesException(422, FakeKubernetesStatus.Body(422, "Invalid", $"{kind}.meta.k8s.io \"\" is invalid: {aggregate}",
            new JsonObject { ["group"] = "meta.k8s.io", ["kind"] = kind, ["causes"] = causes }));
    }
}
