using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EcrPublicLambda.Fakes;

/// <summary>
/// The fake API server's state: namespaces, Secrets and ServiceAccounts with resourceVersion, uid,
/// creationTimestamp and managed fields, and the write semantics of a real server (server-side apply with
/// conflicts and force, updates that move field ownership, dry runs that persist nothing). Thread-safe: like the
/// real server, which serializes writes per object (etcd compares the resourceVersion per key), each object has
/// its own lock, so writes to different objects never wait for each other.
/// </summary>
internal sealed class FakeKubernetesStore(TimeProvider clock)
{
    internal static readonly IReadOnlyDictionary<string, string> Kinds = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["secrets"] = "Secret",
        ["serviceaccounts"] = "ServiceAccount",
    };

    private readonly ConcurrentDictionary<string, FakeKubernetesNamespace> namespaces = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Resource, string Namespace, string Name), FakeKubernetesStoredObject> objects = [];
    private readonly ConcurrentDictionary<(string Resource, string Namespace, string Name), Lock> locks = [];
    private long revision = 1000;
    private long compacted;

    /// <summary>
    /// Creates (or replaces) a namespace with <paramref name="labels"/> in <paramref name="phase"/> (<c>Active</c> or
    /// <c>Terminating</c>). Like a real server (1.21+), every namespace also carries <c>kubernetes.io/metadata.name</c>.
    /// </summary>
    internal void AddNamespace(string name, IReadOnlyDictionary<string, string>? labels = null, string phase = FakeKubernetesNamespace.Active) =>
        namespaces[name] = new FakeKubernetesNamespace(
            name,
            new SortedDictionary<string, string>(labels?.ToDictionary() ?? [], StringComparer.Ordinal) { ["kubernetes.io/metadata.name"] = name },
            phase,
            Guid.NewGuid().ToString(),
            NextRevision(),
            Timestamp(clock.GetUtcNow()));

    /// <summary>Moves a namespace to <paramref name="phase"/>, as <c>kubectl delete namespace</c> does (Terminating) while finalizers run.</summary>
    internal void SetNamespacePhase(string name, string phase) =>
        namespaces[name] = namespaces.TryGetValue(name, out var existing)
            ? existing with { Phase = phase, ResourceVersion = NextRevision() }
            : throw FakeKubernetesStatus.NotFound("namespaces", name);

    internal bool HasNamespace(string name) => namespaces.ContainsKey(name);

    internal JsonObject GetNamespace(string name) =>
        namespaces.TryGetValue(name, out var ns) ? NamespaceObject(ns) : throw FakeKubernetesStatus.NotFound("namespaces", name);

    /// <summary>
    /// A NamespaceList of the namespaces whose labels match <paramref name="labelSelector"/> (none: all), paged by
    /// <paramref name="limit"/> and <paramref name="continueToken"/> (<see cref="FakeKubernetesPaging"/>); a malformed
    /// selector answers 400.
    /// </summary>
    internal JsonObject ListNamespaces(string? labelSelector = null, int limit = 0, string? continueToken = null)
    {
        var selector = FakeLabelSelector.Parse(labelSelector);
        var items = namespaces.Values
            .Where(ns => selector.Matches(ns.Labels))
            .OrderBy(ns => ns.Name, StringComparer.Ordinal)
            .Select(ns => (ns.Name, (JsonNode)NamespaceObject(ns)))
            .ToList();
        return FakeKubernetesPaging.Page("NamespaceList", items, limit, continueToken, !string.IsNullOrEmpty(labelSelector), Interlocked.Read(ref revision), Interlocked.Read(ref compacted));
    }

    /// <summary>
    /// Compacts the history, as etcd's periodic compaction does: continue tokens of lists made before now answer
    /// 410 Expired (<see cref="FakeKubernetesPaging"/>).
    /// </summary>
    internal void Compact() => Interlocked.Exchange(ref compacted, long.Parse(NextRevision(), CultureInfo.InvariantCulture));

    /// <summary>The object as GET renders it (managed fields included). GET does not check the namespace, like the real server.</summary>
    internal JsonObject Get(string resource, string ns, string name)
    {
        lock (LockOf(resource, ns, name))
        {
            return objects.TryGetValue((resource, ns, name), out var stored) ? Render(stored) : throw FakeKubernetesStatus.NotFound(resource, name);
        }
    }

    /// <summary>The exact JSON text GET would return, or null when there is no such object (for byte-for-byte comparisons).</summary>
    internal string? RawJson(string resource, string ns, string name)
    {
        lock (LockOf(resource, ns, name))
        {
            return objects.TryGetValue((resource, ns, name), out var stored) ? Render(stored).ToJsonString() : null;
        }
    }

    /// <summary>
    /// The objects of <paramref name="resource"/> in <paramref name="ns"/> (null: every namespace, as
    /// <c>GET /api/v1/secrets</c>) that match <paramref name="fieldSelector"/>, paged (<see cref="FakeKubernetesPaging"/>).
    /// </summary>
    internal JsonObject List(string resource, string? ns, string? fieldSelector = null, int limit = 0, string? continueToken = null)
    {
        var selector = FakeFieldSelector.Parse(fieldSelector, SelectableFields);
        var items = new List<(string Key, JsonNode Item)>();
        foreach (var key in objects.Keys.Where(k => k.Resource == resource && (ns is null || k.Namespace == ns))
            .OrderBy(k => k.Namespace + "/" + k.Name, StringComparer.Ordinal))
        {
            lock (LockOf(key.Resource, key.Namespace, key.Name))
            {
                if (objects.TryGetValue(key, out var stored) && selector.Matches(Fields(key.Namespace, key.Name, stored.Body)))
                {
                    items.Add((key.Namespace + "/" + key.Name, Render(stored)));
                }
            }
        }

        return FakeKubernetesPaging.Page(Kinds[resource] + "List", items, limit, continueToken, !selector.IsEmpty, Interlocked.Read(ref revision), Interlocked.Read(ref compacted));
    }

    /// <summary>The fields a Secret list may select on (<c>pkg/apis/core/v1/conversion.go</c>; ServiceAccounts: the first two).</summary>
    internal static readonly IReadOnlyCollection<string> SelectableFields = ["metadata.name", "metadata.namespace", "type"];

    private static Dictionary<string, string> Fields(string ns, string name, JsonObject body) => new(StringComparer.Ordinal)
    {
        ["metadata.name"] = name,
        ["metadata.namespace"] = ns,
        ["type"] = (string?)body["type"] ?? string.Empty,
    };

    /// <summary>POST: creates, as an Update by <paramref name="manager"/> (null: no managed fields, like objects older than server-side apply).</summary>
    internal JsonObject Create(string resource, string ns, JsonObject body, string? manager, bool dryRun)
    {
        var name = (string?)body["metadata"]?["name"] ?? throw FakeKubernetesStatus.Invalid(Kinds[resource], string.Empty, "metadata.name", "Required value: name or generateName is required", "FieldValueRequired");
        lock (LockOf(resource, ns, name))
        {
            CheckBodyIdentity(resource, ns, name, body);
            RequireNamespace(resource, ns, name);
            if (objects.ContainsKey((resource, ns, name)))
            {
                throw FakeKubernetesStatus.AlreadyExists(resource, name);
            }

            Normalize(resource, body);
            var managers = new List<FakeKubernetesManager>();
            if (manager is not null)
            {
                RecordUpdate(managers, new JsonObject(), body, manager);
            }

            return Commit(resource, ns, name, null, body, managers, dryRun);
        }
    }

    /// <summary>PUT: replaces; a <c>resourceVersion</c> in the body that is not the current one answers 409.</summary>
    internal JsonObject Replace(string resource, string ns, string name, JsonObject body, string manager, bool dryRun)
    {
        lock (LockOf(resource, ns, name))
        {
            CheckBodyIdentity(resource, ns, name, body);
            var stored = Existing(resource, ns, name);
            if ((string?)body["metadata"]?["resourceVersion"] is { } expected && expected != stored.ResourceVersion)
            {
                throw FakeKubernetesStatus.Modified(resource, name);
            }

            Normalize(resource, body);
            var managers = stored.CloneManagers();
            RecordUpdate(managers, stored.Body, body, manager);
            return Commit(resource, ns, name, stored, body, managers, dryRun);
        }
    }

    /// <summary>JSON patch, merge patch or strategic merge patch of an existing object, as an Update by <paramref name="manager"/>.</summary>
    internal JsonObject Patch(string resource, string ns, string name, string patchType, JsonNode patch, string manager, bool dryRun)
    {
        lock (LockOf(resource, ns, name))
        {
            var stored = Existing(resource, ns, name);
            var current = Render(stored);
            ((JsonObject)current["metadata"]!).Remove("managedFields");
            var patched = patchType == "json"
                ? FakeKubernetesPatches.JsonPatch(current, patch as JsonArray ?? throw FakeKubernetesStatus.BadRequest("a JSON patch must be an array"))
                : FakeKubernetesPatches.MergePatch(current, patch) as JsonObject ?? throw FakeKubernetesStatus.BadRequest("the patch must leave an object");
            if ((string?)patched["metadata"]?["resourceVersion"] is { } expected && expected != stored.ResourceVersion)
            {
                throw FakeKubernetesStatus.Modified(resource, name);
            }

            CheckBodyIdentity(resource, ns, name, patched);
            Normalize(resource, patched);
            var managers = stored.CloneManagers();
            RecordUpdate(managers, stored.Body, patched, manager);
            return Commit(resource, ns, name, stored, patched, managers, dryRun);
        }
    }

    /// <summary>
    /// DELETE of an object without finalizers (Secrets, ServiceAccounts): gone at once, answered with a <c>Status</c>
    /// <c>Success</c> naming it, as the real server answers (its fleet does not return the deleted object). Like the
    /// real server's check before a delete, a <paramref name="uid"/> or <paramref name="resourceVersion"/> precondition
    /// that does not match what is stored answers 409 Conflict and deletes nothing; no such object answers 404; a dry
    /// run answers the same and keeps the object.
    /// </summary>
    internal JsonObject Delete(string resource, string ns, string name, string? uid, string? resourceVersion, bool dryRun)
    {
        lock (LockOf(resource, ns, name))
        {
            var stored = Existing(resource, ns, name);
            var storedUid = (string?)stored.Body["metadata"]?["uid"] ?? string.Empty;
            if (uid is not null && uid != storedUid)
            {
                throw FakeKubernetesStatus.PreconditionFailed(Kinds[resource], name,
                    $"the UID in the precondition ({uid}) does not match the UID in record ({storedUid}). The object might have been deleted and then recreated");
            }

            if (resourceVersion is not null && resourceVersion != stored.ResourceVersion)
            {
                throw FakeKubernetesStatus.PreconditionFailed(Kinds[resource], name,
                    $"the ResourceVersion in the precondition ({resourceVersion}) does not match the ResourceVersion in record ({stored.ResourceVersion}). The object might have been modified");
            }

            if (!dryRun)
            {
                objects.TryRemove((resource, ns, name), out _);
            }

            return FakeKubernetesStatus.Deleted(resource, name, storedUid);
        }
    }

    /// <summary>
    /// Server-side apply: creates (201) or updates (200). Without <paramref name="force"/>, a field in the body that
    /// another manager owns with a different value fails the whole request with 409 and changes nothing; with it,
    /// the applier takes those fields over. Fields the applier owned before and leaves out now are removed
    /// (unless another manager owns them too).
    /// </summary>
    internal (int Code, JsonObject Body) Apply(string resource, string ns, string name, JsonObject applied, string manager, bool force, bool dryRun)
    {
        lock (LockOf(resource, ns, name))
        {
            CheckBodyIdentity(resource, ns, name, applied);
            if ((string?)applied["apiVersion"] != "v1" || (string?)applied["kind"] != Kinds[resource])
            {
                throw FakeKubernetesStatus.BadRequest($"the apply body must be apiVersion v1, kind {Kinds[resource]}");
            }

            Normalize(resource, applied);
            var appliedFields = FakeKubernetesFields.Leaves(applied);
            var owned = appliedFields.ToDictionary(f => f.Key, f => f.Value.Segments, StringComparer.Ordinal);
            if (!objects.TryGetValue((resource, ns, name), out var stored))
            {
                RequireNamespace(resource, ns, name);
                var created = new JsonObject { ["apiVersion"] = "v1", ["kind"] = Kinds[resource], ["metadata"] = new JsonObject() };
                foreach (var (_, (segments, value)) in appliedFields)
                {
                    FakeKubernetesFields.Set(created, segments, value);
                }

                var managers = new List<FakeKubernetesManager> { new(manager, "Apply", owned, clock.GetUtcNow()) };
                return (201, Commit(resource, ns, name, null, created, managers, dryRun));
            }

            var current = stored.Body;
            var others = stored.CloneManagers();
            if (others.Count == 0)
            {
                // Objects made before server-side apply: the server treats every field as owned by this manager.
                others.Add(new FakeKubernetesManager("before-first-apply", "Update",
                    FakeKubernetesFields.Leaves(current).ToDictionary(f => f.Key, f => f.Value.Segments, StringComparer.Ordinal), clock.GetUtcNow()));
            }

            var applier = others.FirstOrDefault(m => m.Is(manager, "Apply"));
            others.Remove(applier!);
            var conflicts = new List<(string Manager, string Operation, string Field)>();
            foreach (var (key, (segments, value)) in appliedFields)
            {
                if (JsonNode.DeepEquals(FakeKubernetesFields.ValueAt(current, segments), value))
                {
                    continue;
                }

                foreach (var other in others.Where(o => o.Fields.ContainsKey(key)))
                {
                    conflicts.Add((other.Name, other.Operation, key));
                }
            }

            if (conflicts.Count > 0 && !force)
            {
                throw FakeKubernetesStatus.ApplyConflict(conflicts);
            }

            foreach (var (_, _, field) in conflicts)
            {
                foreach (var other in others)
                {
                    other.Fields.Remove(field);
                }
            }

            var updated = (JsonObject)current.DeepClone();
            foreach (var (key, segments) in applier?.Fields ?? [])
            {
                if (!owned.ContainsKey(key) && !others.Any(o => o.Fields.ContainsKey(key)))
                {
                    FakeKubernetesFields.Remove(updated, segments);
                }
            }

            foreach (var (_, (segments, value)) in appliedFields)
            {
                FakeKubernetesFields.Set(updated, segments, value);
            }

            var result = others.Where(o => o.Fields.Count > 0).ToList();
            result.Insert(0, new FakeKubernetesManager(manager, "Apply", owned, applier?.Time ?? clock.GetUtcNow()));
            return (200, Commit(resource, ns, name, stored, updated, result, dryRun));
        }
    }

    private static void CheckBodyIdentity(string resource, string ns, string name, JsonObject body)
    {
        if ((string?)body["metadata"]?["name"] is { } bodyName && bodyName != name)
        {
            throw FakeKubernetesStatus.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }

        if ((string?)body["metadata"]?["namespace"] is { } bodyNamespace && bodyNamespace != ns)
        {
            throw FakeKubernetesStatus.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        if ((string?)body["kind"] is { } kind && kind != Kinds[resource])
        {
            throw FakeKubernetesStatus.BadRequest($"kind {kind} does not match the resource {resource}");
        }
    }

    /// <summary>An Update moves ownership of what it changed to <paramref name="manager"/>; other managers lose those fields.</summary>
    private void RecordUpdate(List<FakeKubernetesManager> managers, JsonObject before, JsonObject after, string manager)
    {
        var old = FakeKubernetesFields.Leaves(before);
        var now = FakeKubernetesFields.Leaves(after);
        var changed = now.Where(f => !old.TryGetValue(f.Key, out var was) || !JsonNode.DeepEquals(was.Value, f.Value.Value))
            .ToDictionary(f => f.Key, f => f.Value.Segments, StringComparer.Ordinal);
        var removed = old.Keys.Where(k => !now.ContainsKey(k)).ToList();
        if (changed.Count == 0 && removed.Count == 0)
        {
            return;
        }

        var entry = managers.FirstOrDefault(m => m.Is(manager, "Update"));
        foreach (var other in managers.Where(m => m != entry))
        {
            foreach (var key in changed.Keys.Concat(removed))
            {
                other.Fields.Remove(key);
            }
        }

        if (entry is null)
        {
            entry = new FakeKubernetesManager(manager, "Update", [], clock.GetUtcNow());
            managers.Add(entry);
        }

        foreach (var (key, segments) in changed)
        {
            entry.Fields[key] = segments;
        }

        foreach (var key in removed)
        {
            entry.Fields.Remove(key);
        }

        entry.Time = clock.GetUtcNow();
        managers.RemoveAll(m => m.Fields.Count == 0);
    }

    private JsonObject Commit(string resource, string ns, string name, FakeKubernetesStoredObject? stored, JsonObject body, List<FakeKubernetesManager> managers, bool dryRun)
    {
        Validate(resource, name, body, stored?.Body);
        var metadata = body["metadata"] as JsonObject ?? new JsonObject();
        body["metadata"] = metadata;
        body["apiVersion"] = "v1";
        body["kind"] = Kinds[resource];
        metadata["name"] = name;
        metadata["namespace"] = ns;
        metadata.Remove("managedFields");
        metadata["uid"] = (string?)stored?.Body["metadata"]?["uid"] ?? Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = (string?)stored?.Body["metadata"]?["creationTimestamp"] ?? Timestamp(clock.GetUtcNow());
        metadata["resourceVersion"] = stored?.ResourceVersion ?? "0";
        var unchanged = stored is not null
            && JsonNode.DeepEquals(stored.Body, body)
            && stored.Managers.Select(m => m.Signature()).SequenceEqual(managers.Select(m => m.Signature()));
        if (unchanged)
        {
            return Render(stored!);
        }

        metadata["resourceVersion"] = dryRun ? stored?.ResourceVersion ?? string.Empty : NextRevision();
        var next = new FakeKubernetesStoredObject(body, managers);
        if (!dryRun)
        {
            objects[(resource, ns, name)] = next;
        }

        return Render(next);
    }

    private static void Normalize(string resource, JsonObject body)
    {
        if (resource != "secrets")
        {
            return;
        }

        if (body["stringData"] is JsonObject stringData)
        {
            var data = body["data"] as JsonObject ?? new JsonObject();
            foreach (var (key, value) in stringData)
            {
                data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes((string?)value ?? string.Empty));
            }

            body["data"] = data;
            body.Remove("stringData");
        }
    }

    private static void Validate(string resource, string name, JsonObject body, JsonObject? before)
    {
        if (resource == "serviceaccounts")
        {
            if (body["imagePullSecrets"] is { } list
                && (list is not JsonArray array || array.Any(item => item is not JsonObject entry || entry["name"] is null)))
            {
                throw FakeKubernetesStatus.BadRequest("imagePullSecrets must be a list of {name: ...} references");
            }

            return;
        }

        var type = (string?)body["type"] ?? "Opaque";
        body["type"] = type;
        if (body["data"] is JsonObject data)
        {
            foreach (var (key, value) in data)
            {
                try
                {
                    _ = Convert.FromBase64String((string?)value ?? string.Empty);
                }
                catch (FormatException)
                {
                    throw FakeKubernetesStatus.BadRequest($"Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data in data[{key}]");
                }
            }
        }

        if (before is not null && (string?)before["type"] is { } oldType && oldType != type)
        {
            throw FakeKubernetesStatus.Invalid("Secret", name, "type", $"Invalid value: \"{type}\": field is immutable");
        }

        if (type == "kubernetes.io/dockerconfigjson")
        {
            if ((string?)body["data"]?[".dockerconfigjson"] is not { Length: > 0 } encoded)
            {
                throw FakeKubernetesStatus.Invalid("Secret", name, "data[.dockerconfigjson]", "Required value", "FieldValueRequired");
            }

            try
            {
                using var _ = JsonDocument.Parse(Convert.FromBase64String(encoded));
            }
            catch (JsonException)
            {
                throw FakeKubernetesStatus.Invalid("Secret", name, "data[.dockerconfigjson]", "Invalid value: \"<secret contents redacted>\": not valid JSON");
            }
        }
    }

    private FakeKubernetesStoredObject Existing(string resource, string ns, string name) =>
        objects.TryGetValue((resource, ns, name), out var stored) ? stored : throw FakeKubernetesStatus.NotFound(resource, name);

    /// <summary>The NamespaceLifecycle admission of a create: the namespace must exist and not be terminating.</summary>
    private void RequireNamespace(string resource, string ns, string name)
    {
        if (!namespaces.TryGetValue(ns, out var existing))
        {
            throw FakeKubernetesStatus.NotFound("namespaces", ns);
        }

        if (existing.Phase == FakeKubernetesNamespace.Terminating)
        {
            throw FakeKubernetesStatus.NamespaceTerminating(resource, name, ns);
        }
    }

    private static JsonObject Render(FakeKubernetesStoredObject stored)
    {
        var body = (JsonObject)stored.Body.DeepClone();
        if (stored.Managers.Count > 0)
        {
            var entries = new JsonArray();
            foreach (var manager in stored.Managers)
            {
                entries.Add(new JsonObject
                {
                    ["manager"] = manager.Name,
                    ["operation"] = manager.Operation,
                    ["apiVersion"] = "v1",
                    ["time"] = Timestamp(manager.Time),
                    ["fieldsType"] = "FieldsV1",
                    ["fieldsV1"] = FakeKubernetesFields.ToFieldsV1(manager.Fields.Values),
                });
            }

            ((JsonObject)body["metadata"]!)["managedFields"] = entries;
        }

        return body;
    }

    private static JsonObject NamespaceObject(FakeKubernetesNamespace ns)
    {
        var metadata = new JsonObject
        {
            ["name"] = ns.Name,
            ["uid"] = ns.Uid,
            ["resourceVersion"] = ns.ResourceVersion,
            ["creationTimestamp"] = ns.CreationTimestamp,
        };
        metadata["labels"] = new JsonObject(ns.Labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value)));
        return new JsonObject
        {
            ["kind"] = "Namespace",
            ["apiVersion"] = "v1",
            ["metadata"] = metadata,
            ["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") },
            ["status"] = new JsonObject { ["phase"] = ns.Phase },
        };
    }

    /// <summary>The lock that serializes everything done to one object (whether it exists or not).</summary>
    private Lock LockOf(string resource, string ns, string name) => locks.GetOrAdd((resource, ns, name), static _ => new Lock());

    private string NextRevision() => Interlocked.Increment(ref revision).ToString(CultureInfo.InvariantCulture);

    private string Revision() => Interlocked.Read(ref revision).ToString(CultureInfo.InvariantCulture);

    private static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
