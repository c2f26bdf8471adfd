using System.Globalization;
using EcrPublicLambda.Common;
using EcrPublicLambda.Configuration;
using EcrPublicLambda.Kubernetes;
using EcrPublicLambda.Refresh;
using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Hosting.Lambda;

/// <summary>
/// Acts on a CloudFormation custom-resource request and answers it. An event never says where to write: every run is
/// over the fleet the function was deployed with (<c>clusters.json</c>, loaded at init), with its own
/// <c>adoptExisting</c>, roles, endpoints and CAs.
/// <list type="bullet">
/// <item><c>Lifecycle</c> (the deployment's last stack): Create and Update refresh the deployed fleet; Delete (the
/// teardown) cleans it, then closes the <see cref="ConcurrencyFence"/> so no queued run writes afterwards.</item>
/// <item><c>CleanRemoved</c> (the main stack, updated before any access is taken away): Update cleans what the
/// previous fleet had and the deployed one lacks (<see cref="FleetRemovals"/>), with the previous fleet's access; the
/// previous fleet is the event's old one only when <see cref="PreviousFleetSource"/> verifies it, else nothing is
/// cleaned and the answer says why. Create and Delete have nothing to do.</item>
/// </list>
/// A run with failures does not fail the deploy: one unreachable cluster must not roll back a fleet's deploy. The
/// answer is SUCCESS, with a Reason naming the failed clusters and <c>Data</c> {<c>Status</c>, <c>FailedClusters</c>};
/// only a malformed request is FAILED. A Delete is always SUCCESS (a stack must always be deletable), its Reason
/// naming what stayed. The runs end <see cref="AnswerReserve"/> before the invocation deadline so the answer is sent;
/// the answer is at most 4096 bytes (<see cref="CustomResourceAnswer"/>).
/// </summary>
internal sealed class CustomResourceHandler(
    RefreshHandler refresh,
    CustomResourceResponder responder,
    PreviousFleetSource previousFleet,
    ConcurrencyFence fence,
    ILogger logger)
{
    internal const string AnswerFailedErrorType = "CloudFormationAnswerFailed";

    /// <summary>Left before the invocation deadline for the fence and the answer.</summary>
    internal static readonly TimeSpan AnswerReserve = TimeSpan.FromSeconds(15);

    /// <summary>The answer's last attempt ends this long before the deadline, so the invocation's own response still gets out.</summary>
    private static readonly TimeSpan AnswerMargin = TimeSpan.FromSeconds(1);

    private const int MaxDataLength = 800;

    /// <summary><c>FailedClusters</c> when there is none: a stack output cannot be empty.</summary>
    private const string None = "none";

    internal async Task<CustomResourceOutcome> HandleAsync(Invocation invocation, Fleet deployed, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(deployed);
        CustomResourceEvent request;
        try
        {
            request = CustomResourceEventParser.Parse(invocation.Payload);
        }
        catch (CustomResourceException e)
        {
            return await RefuseAsync(e, deadline, cancellationToken).ConfigureAwait(false);
        }

        logger.CustomResourceReceived(request.RequestType, request.LogicalResourceId, request.Action, request.StackId);
        var (fleet, operation, note) = await PlanAsync(request, deployed, cancellationToken).ConfigureAwait(false);
        RefreshReport? report = null;
        string? runError = null;
        if (fleet is not null)
        {
            try
            {
                report = await refresh(fleet, new RefreshRequest([], DryRun: false) { Operation = operation }, deadline - AnswerReserve, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // Whatever stops the run is told to CloudFormation; the answer must still be sent.
            catch (Exception e)
#pragma warning restore CA1031
            {
                runError = ErrorText.Sanitize(e.Message, 300);
                logger.CustomResourceRunFailed(operation.Name, runError, e);

                // Logged and measured as a run in which every cluster failed: the failed-clusters alarm sees it.
                report = new RefreshReport(RunStatus.Failed, false, null, 0, [.. fleet.Clusters.Select(c => new ClusterReport(c.Name, c.Region, RunStatus.Failed, runError, [], []))])
                {
                    Operation = operation,
                };
            }
        }

        string? fenced = null;
        if (request is { Action: CustomResourceEvent.Lifecycle, RequestType: CustomResourceEvent.Delete })
        {
            fenced = await CloseFenceAsync(cancellationToken).ConfigureAwait(false);
        }

        var (reason, data) = Describe(request, fleet, note, report, runError, fenced);
        var response = new CustomResourceResponse(
            CustomResourceResponse.Success,
            reason,
            request.AnswerPhysicalResourceId,
            request.StackId,
            request.RequestId,
            request.LogicalResourceId,
            NoEcho: false,
            data);
        var (sent, answerError) = await AnswerAsync(request.ResponseUrl, response, deadline, cancellationToken).ConfigureAwait(false);
        return new CustomResourceOutcome(report, sent, answerError);
    }

    /// <summary>The fleet to run over (null: nothing to do), the run's operation, and why there is nothing to do.</summary>
    private async Task<(Fleet? Fleet, RunOperation Operation, string? Note)> PlanAsync(CustomResourceEvent request, Fleet deployed, CancellationToken cancellationToken)
    {
        switch (request.Action, request.RequestType)
        {
            case (CustomResourceEvent.Lifecycle, CustomResourceEvent.Delete):
                return (deployed, RunOperation.Cleanup, null);
            case (CustomResourceEvent.Lifecycle, _):
                return (deployed, RunOperation.Refresh, null);
            case (CustomResourceEvent.CleanRemoved, CustomResourceEvent.Update):
                var previous = await previousFleet.ReadAsync(request.OldFleetDocument, cancellationToken).ConfigureAwait(false);
                if (previous.Fleet is null)
                {
                    logger.CustomResourcePreviousFleetUntrusted(previous.Reason);
                    return (null, RunOperation.Cleanup, $"nothing was cleaned: {previous.Reason}. Run `bootstrap cleanup` with the previous fleet file if clusters or namespaces were removed");
                }

                var removed = FleetRemovals.Between(previous.Fleet, deployed);
                if (removed is null)
                {
                    return (null, RunOperation.Cleanup, "nothing was removed from the fleet: nothing to clean");
                }

                logger.CustomResourceCleaning(DescribeFleet(removed));
                // A fleet change cleans exactly what it removed: its clusters keep their other namespaces, so it does not
                // sweep them (the next refresh sweeps whatever a selection left; a teardown sweeps everything of ours).
                return (removed, RunOperation.SelectionCleanup, null);
            default:
                return (null, RunOperation.Refresh, $"nothing to do on {request.RequestType} of {request.Action}");
        }
    }

    private async Task<string?> CloseFenceAsync(CancellationToken cancellationToken)
    {
        var failure = await fence.CloseAsync(cancellationToken).ConfigureAwait(false);
        if (failure is null)
        {
            logger.TeardownFenceClosed();
        }
        else
        {
            logger.TeardownFenceFailed(failure);
        }

        return failure;
    }

    private static (string Reason, Dictionary<string, string> Data) Describe(
        CustomResourceEvent request, Fleet? fleet, string? note, RefreshReport? report, string? runError, string? fenceFailure)
    {
        var status = runError is not null ? "error" : report is null ? "nothing-to-do" : FailureSummary.StatusName(report.Status);
        var data = new Dictionary<string, string>(StringComparer.Ordinal) { ["Status"] = status, ["FailedClusters"] = None };
        if (fleet is null)
        {
            return (note ?? $"nothing to do on {request.RequestType} of {request.Action}", data);
        }

        // The answer's words follow what CloudFormation asked: a deploy's refresh names the clusters that failed, a
        // cleanup (the teardown, or what the fleet no longer lists) names what stayed.
        if (request.Action == CustomResourceEvent.Lifecycle && request.RequestType != CustomResourceEvent.Delete)
        {
            var failed = runError is not null
                ? [.. fleet.Clusters.Select(Where)]
                : report!.Clusters.Where(cluster => cluster.Status != RunStatus.Succeeded).Select(cluster => $"{cluster.Name} ({cluster.Region})").ToList();
            data["FailedClusters"] = failed.Count == 0 ? None : ErrorText.Truncate(string.Join(", ", failed), MaxDataLength);
            var head = runError is not null
                ? $"refresh after deploy did not run ({runError})"
                : $"refresh after deploy {status}: {report!.Clusters.Count} cluster(s)";
            return failed.Count == 0
                ? (head, data)
                : ($"{head}; failed clusters: {string.Join(", ", failed)}. The deploy goes on: the schedule refreshes them again; the function's log has the report", data);
        }

        var stayed = runError is not null ? [.. fleet.Clusters.Select(cluster => $"{Where(cluster)}: every namespace")] : Stayed(report!);
        var incomplete = runError is not null
            ? fleet.Clusters.Select(Where).ToList()
            : [.. report!.Clusters.Where(c => c.Status != RunStatus.Succeeded).Select(c => $"{c.Name} ({c.Region})")];
        data["FailedClusters"] = incomplete.Count == 0 ? None : ErrorText.Truncate(string.Join(", ", incomplete), MaxDataLength);
        var teardown = request.RequestType == CustomResourceEvent.Delete;
        var what = teardown
            ? "cleanup of every registered namespace before the teardown"
            : $"cleanup of what the fleet no longer lists ({DescribeFleet(fleet)})";
        var outcome = runError is not null ? $"did not run ({runError})" : status;
        var fence = !teardown
            ? string.Empty
            : fenceFailure is null
                ? ". The function's reserved concurrency is now 0: no queued run writes after this cleanup"
                : $". The function's reserved concurrency could not be set to 0 ({fenceFailure}): a scheduled run already queued may still write until the function is deleted";
        return stayed.Count == 0
            ? ($"{what}: {outcome}; nothing stayed{fence}", data)
            : ($"{what}: {outcome}; these stayed (their Secrets expire within 12 hours; run `bootstrap cleanup` against them): {string.Join("; ", stayed)}{fence}", data);
    }

    /// <summary>
    /// What a cleanup did not remove: whole clusters it could not work on, namespaces whose Secret or pull-secret entry
    /// stayed (failed or skipped), and namespaces where a Secret of that name stayed as a <c>conflict</c> (not ours, or
    /// changed under the cleanup).
    /// </summary>
    internal static List<string> Stayed(RefreshReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var stayed = new List<string>();
        foreach (var cluster in report.Clusters)
        {
            var where = $"{cluster.Name} ({cluster.Region})";
            if (cluster.Error is not null || (cluster.Status == RunStatus.Failed && cluster.Secrets.Count == 0))
            {
                stayed.Add($"{where}: every namespace ({ErrorText.Sanitize(cluster.Error, 120)})");
                continue;
            }

            var namespaces = cluster.Secrets.Where(secret => secret.Result is SecretResult.Failed or SecretResult.Skipped or SecretResult.Conflict)
                .Select(secret => secret.Result == SecretResult.Conflict ? $"{secret.Namespace} (conflict)" : secret.Namespace)
                .Concat(cluster.ServiceAccounts.Where(account => account.Result is ServiceAccountResult.Failed or ServiceAccountResult.Skipped).Select(account => $"{account.Namespace}/{account.Name}"))
                .ToList();
            if (namespaces.Count > 0)
            {
                stayed.Add($"{where}: {string.Join(", ", namespaces)}");
            }
        }

        return stayed;
    }

    private async Task<CustomResourceOutcome> RefuseAsync(CustomResourceException e, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var problems = ErrorText.Truncate(e.Message, 2000);
        logger.CustomResourceInvalid(problems);
        var error = new InvocationError(InvalidPayloadException.ErrorType, problems);
        if (e.Reply is not { } reply)
        {
            return new CustomResourceOutcome(null, null, error);
        }

        // A Delete is answered SUCCESS even so: FAILED would leave the stack undeletable.
        var response = new CustomResourceResponse(
            reply.IsDelete ? CustomResourceResponse.Success : CustomResourceResponse.Failed,
            reply.IsDelete ? $"malformed Delete request, nothing was cleaned: {problems}" : $"malformed request: {problems}",
            reply.PhysicalResourceId ?? (reply.LogicalResourceId.Length > 0 ? reply.LogicalResourceId : "invalid-request"),
            reply.StackId,
            reply.RequestId,
            reply.LogicalResourceId,
            NoEcho: false,
            new Dictionary<string, string>(StringComparer.Ordinal));
        var (sent, answerError) = await AnswerAsync(reply.ResponseUrl, response, deadline, cancellationToken).ConfigureAwait(false);
        return new CustomResourceOutcome(null, sent, answerError);
    }

    /// <summary>Bounds and sends the answer; gives it as sent and, when it could not be delivered, the invocation error.</summary>
    private async Task<(CustomResourceResponse Sent, InvocationError? Error)> AnswerAsync(Uri url, CustomResourceResponse response, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var (sent, body) = CustomResourceAnswer.Encode(response);
        var failure = await responder.SendAsync(url, body, deadline - AnswerMargin, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            logger.CustomResourceAnswerFailed(sent.Status, failure);
            return (sent, new InvocationError(AnswerFailedErrorType, $"could not answer CloudFormation {sent.Status}: {failure}"));
        }

        logger.CustomResourceAnswered(sent.Status, sent.Reason);
        return (sent, null);
    }

    private static string Where(ClusterConfig cluster) => $"{cluster.Name} ({cluster.Region})";

    private static string DescribeFleet(Fleet fleet) =>
        string.Join("; ", fleet.Clusters.Select(cluster => string.Create(CultureInfo.InvariantCulture, $"{Where(cluster)}: {string.Join(", ", cluster.Namespaces)}")))
        + $" (Secret {fleet.SecretName})";
}
