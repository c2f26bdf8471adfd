using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace EcrPublicLambda.Fakes;

/// <summary>
/// The fake API server's <c>coordination.k8s.io/v1</c> Leases (<c>/apis/coordination.k8s.io/v1/namespaces/{ns}/leases[/{name}]</c>):
/// get, create, update (PUT) and delete, answered as kube-apiserver answers them:
/// <list type="bullet">
/// <item>create of an existing name: 409 <c>AlreadyExists</c>;</item>
/// <item>update: the Lease strategy allows create on update and forbids unconditional updates
/// (<c>pkg/registry/coordination/lease/strategy.go</c>), so a PUT of a missing Lease creates it (201), a PUT without
/// <c>metadata.resourceVersion</c> is 422 <c>Invalid</c> ("must be specified for an update") and one with a stale
/// resourceVersion is 409 <c>Conflict</c> ("the object has been modified"): apiserver
/// <c>pkg/registry/generic/registry/store.go</c>, <c>Update</c>;</item>
/// <item>delete: uid and resourceVersion preconditions from the DeleteOptions body that do not hold answer 409
/// <c>Conflict</c> and delete nothing (<c>storage.Preconditions.Check</c>, turned into a Conflict by
/// <c>storage/errors</c> <c>InterpretDeleteError</c>); as <c>handlers/delete.go</c> reads them, the options come from the
/// body when there is one and from the query only when there is none;</item>
/// <item>validation (<c>pkg/apis/coordination/validation/validation.go</c>): <c>leaseDurationSeconds</c> must be greater
/// than 0 and <c>leaseTransitions</c> at least 0; a body's name and namespace must match the URL's.</item>
/// </list>
/// Errors name the resource qualified by its group (<c>leases.coordination.k8s.io "x"</c>), as the real server's do.
/// </summary>
internal sealed class FakeKubernetesLeases(FakeKubernetesStore store, TimeProvider clock)
{
    internal const string Group = "coordination.k8s.io";
    internal const string Resource = "leases";
    private const string Qualified = Resource + "." + Group;

    private readonly ConcurrentDictionary<(string Namespace, string Name), JsonObject> leases = [];
    private readonly Lock gate = new();
    private long revision = 7000;

    /// <summary>The verb, namespace and name of a Lease path, or null when <paramref name="segments"/> is not one.</summary>
    internal static (string Verb, string Namespace, string? Name)? Route(string method, string[] segments)
    {
        if (segments.Length is not (6 or 7) || segments[0] != "apis" || segments[1] != Group || segments[2] != "v1"
            || segments[3] != "namespaces" || segments[5] != Resource)
        {
            return null;
        }

        return (segments.Length, method) switch
        {
            (6, "POST") => ("create", segments[4], null),
            (6, "GET") => ("list", segments[4], null),
            (7, "GET") => ("get", segments[4], segments[6]),
            (7, "PUT") => ("update", segments[4], segments[6]),
            (7, "DELETE") => ("delete", segments[4], segments[6]),
            _ => throw new FakeKubernetesException(405, FakeKubernetesStatus.Body(405, "MethodNotAllowed", "the server does not allow this method on the requested resource")),
        };
    }

    /// <summary>A copy of the stored Lease, or null.</summary>
    internal JsonObject? Find(string ns, string name)
    {
        lock (gate)
        {
            return leases.TryGetValue((ns, name), out var lease) ? (JsonObject)lease.DeepClone() : null;
        }
    }

    /// <summary>Stores a Lease as another holder would have written it (renewed at <paramref name="renewTime"/>).</summary>
    internal JsonObject Seed(string ns, string name, string holder, DateTimeOffset renewTime, int durationSeconds) =>
        Create(ns, Body(name, null, holder, renewTime, durationSeconds), dryRun: false);

    internal JsonObject Get(string ns, string name)
    {
        lock (gate)
        {
            return leases.TryGetValue((ns, name), out var lease) ? (JsonObject)lease.DeepClone() : throw NotFound(name);
        }
    }

    internal JsonObject Create(string ns, JsonObject body, bool dryRun)
    {
        var name = (string?)body["metadata"]?["name"]
            ?? throw Invalid(string.Empty, "metadata.name", "Required value: name or generateName is required");
        lock (gate)
        {
            CheckBody(ns, name, body);
            if (!store.HasNamespace(ns))
            {
                throw FakeKubernetesStatus.NotFound("namespaces", ns);
            }

            if (leases.ContainsKey((ns, name)))
            {
                throw new FakeKubernetesException(409, FakeKubernetesStatus.Body(409, "AlreadyExists", $"{Qualified} \"{name}\" already exists", Details(name)));
            }

            return Commit(ns, name, body, null, dryRun);
        }
    }

    /// <summary>PUT: 201 when it created the Lease, else 200.</summary>
    internal (int Code, JsonObject Body) Update(string ns, string name, JsonObject body, bool dryRun)
    {
        lock (gate)
        {
            CheckBody(ns, name, body);
            if (!leases.TryGetValue((ns, name), out var stored))
            {
                if (!store.HasNamespace(ns))
                {
                    throw FakeKubernetesStatus.NotFound("namespaces", ns);
                }

                return (201, Commit(ns, name, body, null, dryRun));
            }

            var expected = (string?)body["metadata"]?["resourceVersion"];
            if (string.IsNullOrEmpty(expected))
            {
                // The generic store names the kind with the resource here (GroupKind{Group, Kind: "leases"}).
                throw Invalid(name, "metadata.resourceVersion", "Invalid value: 0x0: must be specified for an update", Qualified);
            }

            if (expected != (string?)stored["metadata"]!["resourceVersion"])
            {
                throw new FakeKubernetesException(409, FakeKubernetesStatus.Body(409, "Conflict",
                    $"Operation cannot be fulfilled on {Qualified} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
                    Details(name)));
            }

            return (200, Commit(ns, name, body, stored, dryRun));
        }
    }

    internal JsonObject Delete(string ns, string name, string? uid, string? resourceVersion, bool dryRun)
    {
        lock (gate)
        {
            if (!leases.TryGetValue((ns, name), out var stored))
            {
                throw NotFound(name);
            }

            var storedUid = (string?)stored["metadata"]!["uid"];
            var storedVersion = (string?)stored["metadata"]!["resourceVersion"];
            if (uid is not null && uid != storedUid)
            {
                throw PreconditionFailed(name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {storedUid}");
            }

            if (resourceVersion is not null && resourceVersion != storedVersion)
            {
                throw PreconditionFailed(name, $"Precondition failed: ResourceVersion in precondition: {resourceVersion}, ResourceVersion in object meta: {storedVersion}");
            }

            if (!dryRun)
            {
                leases.TryRemove((ns, name), out _);
            }

            return new JsonObject
            {
                ["kind"] = "Status",
                ["apiVersion"] = "v1",
                ["metadata"] = new JsonObject(),
                ["status"] = "Success",
                ["details"] = new JsonObject { ["name"] = name, ["group"] = Group, ["kind"] = Resource, ["uid"] = storedUid },
            };
        }
    }

    internal static JsonObject Body(string name, string? resourceVersion, string holder, DateTimeOffset renewTime, int durationSeconds)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (resourceVersion is not null)
        {
            metadata["resourceVersion"] = resourceVersion;
        }

        var time = MicroTime(renewTime);
        return new JsonObject
        {
            ["apiVersion"] = $"{Group}/v1",
            ["kind"] = "Lease",
            ["metadata"] = metadata,
            ["spec"] = new JsonObject
            {
                ["holderIdentity"] = holder,
                ["leaseDurationSeconds"] = durationSeconds,
                ["acquireTime"] = time,
                ["renewTime"] = time,
            },
        };
    }

    /// <summary>MicroTime: RFC 3339 with six fraction digits (apimachinery <c>micro_time.go</c>).</summary>
    internal static string MicroTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static void CheckBody(string ns, string name, JsonObject body)
    {
        if ((string?)body["metadata"]?["name"] is { } bodyName && bodyName != name)
        {
            throw FakeKubernetesStatus.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }

        if ((string?)body["metadata"]?["namespace"] is { } bodyNamespace && bodyNamespace != ns)
        {
            throw FakeKubernetesStatus.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        if ((string?)body["kind"] is { } kind && kind != "Lease")
        {
            throw FakeKubernetesStatus.BadRequest($"kind {kind} does not match the resource {Resource}");
        }

        var spec = body["spec"] as JsonObject;
        if (spec?["leaseDurationSeconds"] is { } duration && (int)duration <= 0)
        {
            throw Invalid(name, "spec.leaseDurationSeconds", $"Invalid value: {(int)duration}: must be greater than 0");
        }

        if (spec?["leaseTransitions"] is { } transitions && (int)transitions < 0)
        {
            throw Invalid(name, "spec.leaseTransitions", $"Invalid value: {(int)transitions}: must be greater than or equal to 0");
        }

        foreach (var field in new[] { "acquireTime", "renewTime" })
        {
            if (spec?[field] is { } value && !DateTimeOffset.TryParseExact((string?)value, "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
            {
                // MicroTime's UnmarshalJSON parses with RFC3339Micro only: anything else fails the decoding of the body.
                throw FakeKubernetesStatus.BadRequest($"Lease in version \"v1\" cannot be handled as a Lease: parsing time \"{(string?)value}\" as \"2006-01-02T15:04:05.000000Z07:00\": cannot parse");
            }
        }
    }

    private JsonObject Commit(string ns, string name, JsonObject body, JsonObject? stored, bool dryRun)
    {
        var lease = (JsonObject)body.DeepClone();
        var metadata = lease["metadata"] as JsonObject ?? new JsonObject();
        lease["metadata"] = metadata;
        lease["apiVersion"] = $"{Group}/v1";
        lease["kind"] = "Lease";
        metadata["name"] = name;
        metadata["namespace"] = ns;
        metadata["uid"] = (string?)stored?["metadata"]?["uid"] ?? Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = (string?)stored?["metadata"]?["creationTimestamp"]
            ?? clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        metadata["resourceVersion"] = dryRun
            ? (string?)stored?["metadata"]?["resourceVersion"] ?? string.Empty
            : (++revision).ToString(CultureInfo.InvariantCulture);
        if (!dryRun)
        {
            leases[(ns, name)] = lease;
        }

        return (JsonObject)lease.DeepClone();
    }

    private static JsonObject Details(string name) => new() { ["name"] = name, ["group"] = Group, ["kind"] = Resource };

    private static FakeKubernetesException NotFound(string name) =>
        new(404, FakeKubernetesStatus.Body(404, "NotFound", $"{Qualified} \"{name}\" not found", Details(name)));

    private static FakeKubernetesException PreconditionFailed(string name, string detail) =>
        new(409, FakeKubernetesStatus.Body(409, "Conflict", $"Operation cannot be fulfilled on {Qualified} \"{name}\": {detail}", Details(name)));

    private static FakeKubernetesException Invalid(string name, string field, string detail, string kind = "Lease." + Group)
    {
        var details = Details(name);
        details["causes"] = new JsonArray(new JsonObject { ["reason"] = "FieldValueInvalid", ["message"] = detail, ["field"] = field });
        return new(422, FakeKubernetesStatus.Body(422, "Invalid", $"{kind} \"{name}\" is invalid: {field}: {detail}", details));
    }
}
