using System.Text.Json.Nodes;

namespace EcrPublicLambda.Fakes;

/// <summary>The <c>Status</c> bodies a real API server answers errors with, reason and details included.</summary>
internal static class FakeKubernetesStatus
{
    internal static JsonObject Body(int code, string reason, string message, JsonObject? details = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (details is not null)
        {
            status["details"] = details;
        }

        status["code"] = code;
        return status;
    }

    internal static FakeKubernetesException Unauthorized() => new(401, Body(401, "Unauthorized", "Unauthorized"));

    internal static FakeKubernetesException Forbidden(string user, string verb, string resource, string? ns, string? name)
    {
        var subject = name is null ? resource : $"{resource} \"{name}\"";
        var scope = ns is null ? "at the cluster scope" : $"in the namespace \"{ns}\"";
        var details = new JsonObject { ["kind"] = resource };
        if (name is not null)
        {
            details["name"] = name;
        }

        return new(403, Body(403, "Forbidden",
            $"{subject} is forbidden: User \"{user}\" cannot {verb} resource \"{resource}\" in API group \"\" {scope}", details));
    }

    /// <summary>The NamespaceLifecycle admission's answer to a create in a namespace that is being deleted.</summary>
    internal static FakeKubernetesException NamespaceTerminating(string resource, string name, string ns)
    {
        var details = new JsonObject
        {
            ["name"] = name,
            ["kind"] = resource,
            ["causes"] = new JsonArray(new JsonObject
            {
                ["reason"] = "NamespaceTerminating",
                ["message"] = $"namespace {ns} is being terminated",
                ["field"] = "metadata.namespace",
            }),
        };
        return new(403, Body(403, "Forbidden",
            $"{resource} \"{name}\" is forbidden: unable to create new content in namespace {ns} because it is being terminated", details));
    }

    internal static FakeKubernetesException NotFound(string resource, string name) =>
        new(404, Body(404, "NotFound", $"{resource} \"{name}\" not found", new JsonObject { ["name"] = name, ["kind"] = resource }));

    internal static FakeKubernetesException NoRoute() =>
        new(404, Body(404, "NotFound", "the server could not find the requested resource", new JsonObject()));

    internal static FakeKubernetesException AlreadyExists(string resource, string name) =>
        new(409, Body(409, "AlreadyExists", $"{resource} \"{name}\" already exists", new JsonObject { ["name"] = name, ["kind"] = resource }));

    internal static FakeKubernetesException Modified(string resource, string name) =>
        new(409, Body(409, "Conflict",
            $"Operation cannot be fulfilled on {resource} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            new JsonObject { ["name"] = name, ["kind"] = resource }));

    /// <summary>
    /// A DELETE precondition that does not hold. The real server checks them before deleting (rest.BeforeDelete), with
    /// the object's Kind where a resource name usually stands: <c>Operation cannot be fulfilled on Secret "x": the UID in
    /// the precondition (...) does not match the UID in record (...). ...</c>.
    /// </summary>
    internal static FakeKubernetesException PreconditionFailed(string kind, string name, string detail) =>
        new(409, Body(409, "Conflict", $"Operation cannot be fulfilled on {kind} \"{name}\": {detail}", new JsonObject { ["name"] = name, ["kind"] = kind }));

    /// <summary>The answer to a DELETE that removed the object at once: a <c>Status</c> Success naming it (kind: the resource).</summary>
    internal static JsonObject Deleted(string resource, string name, string uid) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Success",
        ["details"] = new JsonObject { ["name"] = name, ["kind"] = resource, ["uid"] = uid },
    };

    internal static FakeKubernetesException ApplyConflict(IReadOnlyList<(string Manager, string Operation, string Field)> conflicts)
    {
        static string With(string manager, string operation) =>
            operation == "Update" ? $"conflict with \"{manager}\" using v1" : $"conflict with \"{manager}\"";

        var lines = conflicts.Select(c => $"{With(c.Manager, c.Operation)}: {c.Field}");
        var message = conflicts.Count == 1
            ? $"Apply failed with 1 conflict: {lines.Single()}"
            : $"Apply failed with {conflicts.Count} conflicts: {string.Join("\n", lines)}";
        var causes = new JsonArray();
        foreach (var c in conflicts)
        {
            causes.Add(new JsonObject { ["reason"] = "FieldManagerConflict", ["message"] = With(c.Manager, c.Operation), ["field"] = c.Field });
        }

        return new(409, Body(409, "Conflict", message, new JsonObject { ["causes"] = causes }));
    }

    internal static FakeKubernetesException Invalid(string kind, string name, string field, string detail, string causeReason = "FieldValueInvalid")
    {
        var details = new JsonObject
        {
            ["name"] = name,
            ["kind"] = kind,
            ["causes"] = new JsonArray(new JsonObject { ["reason"] = causeReason, ["message"] = detail, ["field"] = field }),
        };
        return new(422, Body(422, "Invalid", $"{kind} \"{name}\" is invalid: {field}: {detail}", details));
    }

    /// <summary>
    /// A JSON patch that cannot be applied (a <c>test</c> that does not hold, a missing path): patch.go answers
    /// <c>errors.NewGenericServerResponse(422, ...)</c> with the patch library's text dropped: reason Invalid, a fixed
    /// message and empty details (apimachinery pkg/api/errors/errors.go). <paramref name="detail"/> is only for the fake's reader.
    /// </summary>
    internal static FakeKubernetesException PatchRejected(string detail)
    {
        _ = detail;
        return new(422, Body(422, "Invalid", "the server rejected our request due to an error in our request", new JsonObject()));
    }

    internal static FakeKubernetesException BadRequest(string message) => new(400, Body(400, "BadRequest", message));

    internal static FakeKubernetesException UnsupportedMediaType(string? contentType) =>
        new(415, Body(415, "UnsupportedMediaType",
            $"the body of the request was in an unknown format ({contentType}) - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json"));

    internal static JsonObject ForFault(int code) => code switch
    {
        429 => Body(429, "TooManyRequests", "Too many requests, please try again later.", new JsonObject { ["retryAfterSeconds"] = 1 }),
        500 => Body(500, "InternalError", "Internal error occurred: injected fault"),
        503 => Body(503, "ServiceUnavailable", "The server is currently unable to handle the request"),
        504 => Body(504, "Timeout", "The server was unable to return a response in the time allotted"),
        _ => Body(code, "Unknown", $"injected fault {code}"),
    };
}
