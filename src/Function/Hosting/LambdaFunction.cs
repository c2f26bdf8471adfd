using EcrPublicLambda.Aws;
using EcrPublicLambda.Common;
using EcrPublicLambda.Configuration;
using EcrPublicLambda.Hosting.Lambda;
using EcrPublicLambda.Refresh;

namespace EcrPublicLambda.Hosting;

/// <summary>
/// Composes the Lambda side of <c>bootstrap</c> (when <c>AWS_LAMBDA_RUNTIME_API</c> is set): the Runtime API client,
/// the generic host loop, the handler per kind of invocation behind it, the run they call, and what the custom-resource handler asks of AWS (the
/// deployed-fleet parameter, the teardown fence).
/// </summary>
internal static class LambdaFunction
{
    internal const string RuntimeApiVariable = "AWS_LAMBDA_RUNTIME_API";

    internal static bool IsLambda(AppEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.Get(RuntimeApiVariable) is not null;
    }

    /// <summary>Production: each invocation gets a fresh <see cref="Refresher"/>, which fetches a fresh ECR Public token.</summary>
    internal static Task<int> RunAsync(HostContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // The Lease duration is read at init, with the fleet: a bad value is an init error, not a surprise at the first run.
        RefreshOptions? options = null;
        return RunAsync(
            context,
            aws => (fleet, request, deadline, cancellationToken) =>
                new Refresher(aws(), context.Clock, context.Logger, options).RunAsync(fleet, request, deadline, cancellationToken),
            aws => (fleet, request, cancellationToken) =>
                new StatusReader(aws(), context.Clock, context.Logger).ReadAsync(fleet, request, null, cancellationToken),
            () =>
            {
                options = RunCommand.Options(context.Environment);
                return FleetFile.Load(null, context.Environment);
            });
    }

    /// <summary>
    /// Serves the Runtime API with <paramref name="refresh"/> as the run and <paramref name="status"/> as the status reading (the seam the tests use). The fleet comes
    /// from <paramref name="loadFleet"/>, by default <c>CONFIG_FILE</c> else <c>clusters.json</c> in <c>LAMBDA_TASK_ROOT</c>.
    /// </summary>
    internal static Task<int> RunAsync(HostContext context, RefreshHandler refresh, Func<Fleet>? loadFleet = null, StatusHandler? status = null) =>
        RunAsync(context, _ => refresh, _ => status, loadFleet);

    private static async Task<int> RunAsync(
        HostContext context, Func<Func<AwsClients>, RefreshHandler> makeRefresh, Func<Func<AwsClients>, StatusHandler?> makeStatus, Func<Fleet>? loadFleet = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var runtimeApi = context.Environment.Get(RuntimeApiVariable)
            ?? throw new InvalidOperationException($"{RuntimeApiVariable} is not set");

        // The AWS clients are made at init, beside the fleet, so a bad AWS_ENDPOINT_URL* is an init error; they live
        // as long as the process (one HttpClient, the role-credential cache).
        AwsClients? aws = null;
        AwsClients Aws() => aws ??= new AwsClients(context.Environment, context.Http, context.Clock, context.Logger);
        var load = loadFleet ?? (() => FleetFile.Load(null, context.Environment));
        try
        {
            // A client of its own: the next-invocation long poll needs no timeout, and the Runtime API is local (no proxy).
            using var runtimeHttp = new HttpClient(new SocketsHttpHandler { UseProxy = false }, disposeHandler: true)
            {
                Timeout = Timeout.InfiniteTimeSpan,
            };
            var refresh = makeRefresh(Aws);
            var status = makeStatus(Aws);
            var host = new LambdaHost(
                new RuntimeApiClient(runtimeHttp, runtimeApi),
                context.Environment,
                () =>
                {
                    _ = Aws();
                    return Handler(context, LoadFleet(load, context), refresh, status, Aws);
                },
                context.Clock,
                context.Logger);
            return await host.RunAsync(context.CancellationToken).ConfigureAwait(false);
        }
        finally
        {
            aws?.Dispose();
        }
    }

    /// <summary>The fleet for the whole process; an invalid one is the init error <see cref="LambdaHost.InitErrorType"/> and exit code 2.</summary>
    private static Fleet LoadFleet(Func<Fleet> load, HostContext context)
    {
        Fleet fleet;
        try
        {
            fleet = load();
        }
        catch (FleetValidationException e)
        {
            context.Logger.InvalidFleet(e.Errors.Count);
            throw new LambdaInitException(
                new InvocationError(LambdaHost.InitErrorType, ErrorText.Truncate(string.Join("; ", e.Errors), 4096)), ExitCodes.BadInput);
        }

        context.Logger.LambdaHostReady(fleet.Clusters.Count);
        return fleet;
    }

    /// <summary>
    /// The one handler behind the loop: a handler per kind of invocation over <paramref name="fleet"/>, each run made by
    /// <paramref name="refresh"/>, each status reading by <paramref name="status"/>.
    /// </summary>
    private static InvocationHandler Handler(HostContext context, Fleet fleet, RefreshHandler refresh, StatusHandler? status, Func<AwsClients> aws)
    {
        var publisher = new ReportPublisher(context.Environment, context.Out, context.Clock, context.Logger);
        var customResources = new CustomResourceInvocationHandler(
            fleet,
            new CustomResourceHandler(
                refresh,
                new CustomResourceResponder(context.Http, context.Clock),
                new PreviousFleetSource(aws, context.Environment),
                new ConcurrencyFence(aws, context.Environment),
                context.Logger),
            publisher);
        var scheduled = new RunInvocationHandler(fleet, (payload, _) => InvocationPayload.ParseScheduled(payload), refresh, publisher, context.Logger);
        var statusReadings = new StatusInvocationHandler(fleet, status, context.Clock, context.Logger);
        var direct = new RunInvocationHandler(fleet, InvocationPayload.Parse, refresh, publisher, context.Logger);
        return new InvocationRouter(customResources.HandleAsync, scheduled.HandleAsync, statusReadings.HandleAsync, direct.HandleAsync).HandleAsync;
    }
}
