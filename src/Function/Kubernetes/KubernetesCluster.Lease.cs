using System.Text.Json;
using EcrPublicLambda.Common;
using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Kubernetes;

/// <summary>
/// The run's Lease (<c>coordination.k8s.io/v1</c>): with no reserved concurrency, runs exclude each other per cluster by
/// holding it while they write there. Taking it is a create; a Lease that exists is taken over only once it expired
/// (<c>renewTime + leaseDurationSeconds</c> passed, or nobody holds it) by an update guarded by the resourceVersion that
/// was read, so of two runs that saw it expire only one wins (the API server answers the other 409 Conflict:
/// apiserver <c>pkg/registry/generic/registry/store.go</c>, <c>Update</c>). Releasing it is a delete with the uid and
/// resourceVersion of our own write as preconditions, so a Lease another run took over after ours expired is left alone.
/// </summary>
internal sealed partial class KubernetesCluster
{
    /// <summary>How often a Lease that changed under us (gone after our read, taken between read and write) is tried again.</summary>
    private const int LeaseRounds = 2;

    /// <summary>
    /// Takes Lease <paramref name="name"/> in <paramref name="ns"/> for <paramref name="holder"/> for
    /// <paramref name="duration"/>: the hold, or null and why not (another live run holds it, or the API server refused).
    /// <c>BusyUntil</c> is set when another live run holds it: until when, at the latest, unless that run gives it back.
    /// </summary>
    internal async Task<(LeaseHold? Hold, string? Error, DateTimeOffset? BusyUntil)> AcquireLeaseAsync(
        string ns, string name, string holder, TimeSpan duration, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var collection = $"/apis/coordination.k8s.io/v1/namespaces/{Uri.EscapeDataString(ns)}/leases";
        var path = $"{collection}/{Uri.EscapeDataString(name)}";
        var seconds = (int)Math.Ceiling(duration.TotalSeconds);
        string? lastError = null;
        for (var round = 1; round <= LeaseRounds; round++)
        {
            var now = LeaseSpec.MicroTime(clock.GetUtcNow());
            var create = await transport.SendAsync(
                HttpMethod.Post, collection, "application/json", LeaseBody(name, null, new LeaseSpec(holder, seconds, now, now, 0)), cancellationToken).ConfigureAwait(false);
            if (create.StatusCode == 201)
            {
                return WithoutWait(Held(ns, name, create));
            }

            if (create.StatusCode != 409)
            {
                return WithoutWait(LeaseFailed(ns, name, $"creating it failed: {KubernetesErrors.Describe(create)}"));
            }

            // It exists: whose is it, and until when?
            var read = await transport.SendAsync(HttpMethod.Get, path, null, null, cancellationToken).ConfigureAwait(false);
            if (read.StatusCode == 404)
            {
                lastError = "it was deleted between our create and our read";
                continue;
            }

            if (read.StatusCode != 200)
            {
                return WithoutWait(LeaseFailed(ns, name, $"reading it failed: {KubernetesErrors.Describe(read)}"));
            }

            var current = ReadLease(read);
            if (current?.Metadata?.ResourceVersion is not { Length: > 0 } resourceVersion)
            {
                return WithoutWait(LeaseFailed(ns, name, "the API server returned an unreadable Lease"));
            }

            var spec = current.Spec;
            if (string.Equals(spec?.HolderIdentity, holder, StringComparison.Ordinal))
            {
                // Ours: our create was applied, and its answer lost to a retry.
                return WithoutWait(Held(ns, name, read));
            }

            var heldUntil = spec?.HeldUntil();
            if (!string.IsNullOrEmpty(spec?.HolderIdentity) && heldUntil is { } until && until > clock.GetUtcNow())
            {
                var (_, held) = LeaseFailed(ns, name, HeldMessage(ns, name, spec.HolderIdentity, until));
                return (null, held, until);
            }

            // Expired, or released: take it over, guarded by the resourceVersion we read.
            var transitions = (spec?.LeaseTransitions ?? 0) + 1;
            var update = await transport.SendAsync(
                HttpMethod.Put, path, "application/json", LeaseBody(name, resourceVersion, new LeaseSpec(holder, seconds, now, now, transitions)), cancellationToken)
                .ConfigureAwait(false);
            switch (update.StatusCode)
            {
                case 200 or 201:
                    logger.LeaseTakenOver(ns, name, spec?.HolderIdentity ?? string.Empty);
                    return WithoutWait(Held(ns, name, update));
                case 409 or 404:
                    // Another run took it (or deleted it) between our read and our update: look again.
                    lastError = KubernetesErrors.Describe(update);
                    continue;
                default:
                    return WithoutWait(LeaseFailed(ns, name, $"taking it over failed: {KubernetesErrors.Describe(update)}"));
            }
        }

        return WithoutWait(LeaseFailed(ns, name, $"it kept changing while this run tried to take it ({lastError}); another run is probably working on this cluster"));
    }

    /// <summary>
    /// Gives <paramref name="hold"/> back: deletes the Lease while it is still the one we wrote (uid and resourceVersion
    /// preconditions). Null when it is gone; else why it stays (it then expires by itself).
    /// </summary>
    internal async Task<string?> ReleaseLeaseAsync(LeaseHold hold, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hold);
        var path = $"/apis/coordination.k8s.io/v1/namespaces/{Uri.EscapeDataString(hold.Namespace)}/leases/{Uri.EscapeDataString(hold.Name)}";
        var body = JsonSerializer.SerializeToUtf8Bytes(DeleteOptions.For(hold.Uid, hold.ResourceVersion, dryRun: false), KubernetesJsonContext.Default.DeleteOptions);
        var delete = await transport.SendAsync(HttpMethod.Delete, path, "application/json", body, cancellationToken, successBody: false).ConfigureAwait(false);
        var error = delete.StatusCode switch
        {
            200 or 202 or 404 => null,
            409 => $"it changed after this run took it (another run took it over after it expired), so it was left alone: {KubernetesErrors.Describe(delete)}",
            _ => $"deleting it failed, so it stays until it expires: {KubernetesErrors.Describe(delete)}",
        };
        if (error is not null)
        {
            logger.LeaseNotReleased(hold.Namespace, hold.Name, error);
        }

        return error;
    }

    internal static string HeldMessage(string ns, string name, string holder, DateTimeOffset until) =>
        $"another run holds this cluster's Lease {ns}/{name} (holder \"{ErrorText.Sanitize(holder, 128)}\") until {Rfc3339.Format(until)}, "
        + "so this run left the cluster to it";

    private static byte[] LeaseBody(string name, string? resourceVersion, LeaseSpec spec) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new LeaseObject(
                LeaseObject.GroupVersion,
                "Lease",
                new LeaseMetadata(name, null, resourceVersion, new Dictionary<string, string>(StringComparer.Ordinal) { [ManagedByLabel] = FieldManager }),
                spec),
            KubernetesJsonContext.Default.LeaseObject);

    private static (LeaseHold?, string?, DateTimeOffset?) WithoutWait((LeaseHold? Hold, string? Error) result) => (result.Hold, result.Error, null);

    private static LeaseObject? ReadLease(KubernetesResponse response)
    {
        try
        {
            return JsonSerializer.Deserialize(response.Body, KubernetesJsonContext.Default.LeaseObject);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private (LeaseHold?, string?) Held(string ns, string name, KubernetesResponse response) =>
        ReadLease(response)?.Metadata is { Uid: { Length: > 0 } uid, ResourceVersion: { Length: > 0 } resourceVersion }
            ? (new LeaseHold(ns, name, uid, resourceVersion), null)
            : LeaseFailed(ns, name, "the API server returned an unreadable Lease");

    private (LeaseHold?, string?) LeaseFailed(string ns, string name, string why)
    {
        var error = why.StartsWith("another run holds", StringComparison.Ordinal) ? why : $"the run's Lease {ns}/{name} could not be taken: {why}";
        logger.LeaseNotTaken(ns, name, error);
        return (null, error);
    }
}
