using System.Globalization;
using EcrPublicLambda.Common;
using EcrPublicLambda.Configuration;
using EcrPublicLambda.Kubernetes;
using EcrPublicLambda.Refresh;
using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Hosting.Lambda;

/// <summary>
/// Acts on a CloudFormation custom-resource request and answers it.
/// <list type="bullet">
/// <item><c>Lifecycle</c> (the deployment's last stack): Create and Update refresh every cluster of the fleet;
/// Delete (the teardown) cleans every registered namespace.</item>
/// <item><c>CleanRemoved</c> (the main stack, updated before any access is taken away): Update cleans what the old
/// fleet had and the new one lacks (<see cref="FleetRemovals"/>); Create and Delete have nothing to do.</item>
/// </list>
/// A run with failures does not fail the deploy: one unreachable cluster must not roll back a fleet's deploy. The
/// answer is SUCCESS, with a Reason naming the failed clusters and <c>Data</c> {<c>Status</c>, <c>FailedClusters</c>};
/// only a malformed request is FAILED. A Delete is always SUCCESS (a stack must always be deletable), its Reason
/// naming what stayed. The runs end <see cref="AnswerReserve"/> before the invocation deadline so the answer is sent.
/// </summary>
internal sealed class CustomResourceHandler(RefreshHandler refresh, CustomResourceResponder responder, ILogger logger)
{
    internal const string AnswerFailedErrorType = "CloudFormationAnswerFailed";

    /// <summary>Left before the invocation deadline for the answer.</summary>
    internal static readonly TimeSpan AnswerReserve = TimeSpan.FromSeconds(15);

    /// <summary>CloudFormation takes at most 4096 bytes of answer: the Reason and the Data are bounded well inside it.</summary>
    private const int MaxReasonLength = 1500;
    private const int MaxDataLength = 800;

    /// <summary><c>FailedClusters</c> when there is none: a stack output cannot be empty.</summary>
    private const string None = "none";

    internal async Task<CustomResourceOutcome> HandleAsync(Invocation invocation, DateTimeOffset? deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        CustomResourceEvent request;
        try
        {
            request = CustomResourceEventParser.Parse(invocation.Payload);
        }
        catch (CustomResourceException e)
        {
            return await RefuseAsync(e, cancellationToken).ConfigureAwait(false);
        }

        logger.CustomResourceReceived(request.RequestType, request.LogicalResourceId, request.Action, request.StackId);
        var (fleet, operation) = Plan(request);
        RefreshReport? report = null;
        string? runError = null;
        var runErrorType = string.Empty;
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
                runErrorType = e.GetType().Name;
                logger.CustomResourceRunFailed(operation.Name, runError, e);
            }
        }

        var (reason, data) = Describe(request, fleet, report, runError);
        var response = new CustomResourceResponse(
            CustomResourceResponse.Success,
            ErrorText.Truncate(reason, MaxReasonLength),
            request.AnswerPhysicalResourceId,
            request.StackId,
            request.RequestId,
            request.LogicalResourceId,
            NoEcho: false,
            data);
        var answerError = await AnswerAsync(request.ResponseUrl, response, cancellationToken).ConfigureAwait(false);
        var error = answerError ?? (runError is null ? null : new InvocationError(runErrorType, runError));
        return new CustomResourceOutcome(report, response, error);
    }

    /// <summary>The fleet to run over (null: nothing to do) and the run's operation.</summary>
    private (Fleet? Fleet, RunOperation Operation) Plan(CustomResourceEvent request)
    {
        switch (request.Action, request.RequestType)
        {
            case (CustomResourceEvent.Lifecycle, CustomResourceEvent.Delete):
                return (request.Fleet, RunOperation.Cleanup);
            case (CustomResourceEvent.Lifecycle, _):
                return (request.Fleet, RunOperation.Refresh);
            case (CustomResourceEvent.CleanRemoved, CustomResourceEvent.Update):
                var removed = FleetRemovals.Between(request.OldFleet!, request.Fleet);
                if (removed is not null)
                {
                    logger.CustomResourceCleaning(DescribeFleet(removed));
                }

                return (removed, RunOperation.Cleanup);
            default:
                return (null, RunOperation.Refresh);
        }
    }

    private static (string Reason, Dictionary<string, string> Data) Describe(
        CustomResourceEvent request, Fleet? fleet, RefreshReport? report, string? runError)
    {
        var status = runError is not null ? "error" : report is null ? "nothing-to-do" : FailureSummary.StatusName(report.Status);
        var data = new Dictionary<string, string>(StringComparer.Ordinal) { ["Status"] = status, ["FailedClusters"] = None };
        if (fleet is null)
        {
            var nothing = request.Action == CustomResourceEvent.CleanRemoved && request.RequestType == CustomResourceEvent.Update
                ? "nothing was removed from the fleet: nothing to clean"
                : $"nothing to do on {request.RequestType} of {request.Action}";
            return (nothing, data);
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
        var what = request.RequestType == CustomResourceEvent.Delete
            ? "cleanup of every registered namespace before the teardown"
            : $"cleanup of what the fleet no longer lists ({DescribeFleet(fleet)})";
        var outcome = runError is not null ? $"did not run ({runError})" : status;
        return stayed.Count == 0
            ? ($"{what}: {outcome}; nothing stayed", data)
            : ($"{what}: {outcome}; these stayed (their Secrets expire within 12 hours; run `bootstrap cleanup` against them): {string.Join("; ", stayed)}", data);
    }

    /// <summary>What a cleanup did not remove: whole clusters it could not work on, namespaces whose Secret or pull-secret entry stayed.</summary>
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

            var namespaces = cluster.Secrets.Where(secret => secret.Result is SecretResult.Failed or SecretResult.Skipped).Select(secret => secret.Namespace)
                .Concat(cluster.ServiceAccounts.Where(account => account.Result is ServiceAccountResult.Failed or ServiceAccountResult.Skipped).Select(account => $"{account.Namespace}/{account.Name}"))
                .ToList();
            if (namespaces.Count > 0)
            {
                stayed.Add($"{where}: {string.Join(", ", namespaces)}");
            }
        }

        return stayed;
    }

    private async Task<CustomResourceOutcome> RefuseAsync(CustomResourceException e, CancellationToken cancellationToken)
    {
        var problems = ErrorText.Truncate(e.Message, MaxReasonLength - 100);
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
        var answerError = await AnswerAsync(reply.ResponseUrl, response, cancellationToken).ConfigureAwait(false);
        return new CustomResourceOutcome(null, response, answerError ?? error);
    }

    private async Task<InvocationError?> AnswerAsync(Uri url, CustomResourceResponse response, CancellationToken cancellationToken)
    {
        var failure = await responder.SendAsync(url, response, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            logger.CustomResourceAnswerFailed(response.Status, failure);
            return new InvocationError(AnswerFailedErrorType, $"could not answer CloudFormation {response.Status}: {failure}");
        }

        logger.CustomResourceAnswered(response.Status, response.Reason);
        return null;
    }

    private static string Where(ClusterConfig cluster) => $"{cluster.Name} ({cluster.Region})";

    private static string DescribeFleet(Fleet fleet) =>
        string.Join("; ", fleet.Clusters.Select(cluster => string.Create(CultureInfo.InvariantCulture, $"{Where(cluster)}: {string.Join(", ", cluster.Namespaces)}")))
        + $" (Secret {fleet.SecretName})";
}
