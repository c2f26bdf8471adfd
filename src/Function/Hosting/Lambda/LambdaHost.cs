using System.Globalization;
using System.Text;
using System.Text.Json;
using EcrPublicLambda.Common;
using EcrPublicLambda.Configuration;
using EcrPublicLambda.Hosting.Logging;
using EcrPublicLambda.Refresh;
using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Hosting.Lambda;

/// <summary>
/// The custom-runtime loop: load the fleet once with <paramref name="loadFleet"/> (or report an init error and exit non-zero), then for each
/// invocation set the trace id, read the deadline and the payload, run <paramref name="refresh"/>, log the report
/// and its metrics, and answer with the report (or a function error). One invocation's failure never ends the loop;
/// cancellation ends it cleanly.
/// </summary>
internal sealed class LambdaHost(
    RuntimeApiClient runtime,
    AppEnvironment environment,
    Func<Fleet> loadFleet,
    RefreshHandler refresh,
    CustomResourceHandler customResources,
    TextWriter metricsOut,
    TimeProvider clock,
    ILogger logger,
    StatusHandler? status = null)
{
    internal const string TraceIdVariable = "_X_AMZN_TRACE_ID";
    internal const string InitErrorType = "InvalidConfiguration";
    internal const string StoppedErrorType = "HostStopped";

    /// <summary>
    /// The run's time when the Runtime API gives no usable deadline (real Lambda always does; emulators may not): the
    /// function timeout in <c>AWS_LAMBDA_FUNCTION_TIMEOUT</c> (seconds, as some emulators set it), else 60 s.
    /// </summary>
    internal const string FunctionTimeoutVariable = "AWS_LAMBDA_FUNCTION_TIMEOUT";

    internal static readonly TimeSpan DefaultFallbackTimeout = TimeSpan.FromSeconds(60);

    private readonly string functionName = environment.Get("AWS_LAMBDA_FUNCTION_NAME") ?? "bootstrap";
    private readonly TimeSpan fallbackTimeout = FallbackTimeout(environment.Get(FunctionTimeoutVariable));

    /// <summary>Serves invocations until <paramref name="cancellationToken"/> is cancelled (0) or the Runtime API fails (1); an init error is 2.</summary>
    internal async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var (fleet, initExitCode) = await InitAsync(cancellationToken).ConfigureAwait(false);
            if (fleet is null)
            {
                return initExitCode;
            }

            logger.LambdaHostReady(fleet.Clusters.Count);
            while (!cancellationToken.IsCancellationRequested)
            {
                var invocation = await runtime.NextAsync(cancellationToken).ConfigureAwait(false);
                await HandleAsync(invocation, fleet, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is HttpRequestException or RuntimeApiException or IOException)
        {
            logger.RuntimeApiFailed((e as RuntimeApiException)?.Operation ?? "connection", ErrorText.Sanitize(e.Message));
            return ExitCodes.Failures;
        }

        logger.LambdaHostStopping();
        return ExitCodes.Success;
    }

    /// <summary>Loads the fleet; on failure reports the init error and gives the exit code (2 for a bad fleet).</summary>
    private async Task<(Fleet? Fleet, int ExitCode)> InitAsync(CancellationToken cancellationToken)
    {
        InvocationError error;
        int exitCode;
        try
        {
            return (loadFleet(), ExitCodes.Success);
        }
        catch (FleetValidationException e)
        {
            logger.InvalidFleet(e.Errors.Count);
            error = new InvocationError(InitErrorType, ErrorText.Truncate(string.Join("; ", e.Errors), 4096));
            exitCode = ExitCodes.BadInput;
        }
#pragma warning disable CA1031 // Whatever stops the init is reported to Lambda as the init error.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            error = new InvocationError(e.GetType().Name, ErrorText.Sanitize(e.Message));
            exitCode = ExitCodes.Failures;
        }

        logger.LambdaInitFailed(error.ErrorType, error.ErrorMessage);
        await runtime.PostInitErrorAsync(error, cancellationToken).ConfigureAwait(false);
        return (null, exitCode);
    }

    private async Task HandleAsync(Invocation invocation, Fleet fleet, CancellationToken cancellationToken)
    {
        // Per invocation, as the X-Ray SDKs expect; cleared when an invocation comes without one.
        Environment.SetEnvironmentVariable(TraceIdVariable, invocation.TraceId);
        using var scope = logger.BeginScope(new InvocationScope(invocation.RequestId));
        var deadline = Deadline(invocation.DeadlineHeader);
        logger.InvocationReceived(deadline.UtcDateTime.ToString(JsonLogger.TimestampFormat, CultureInfo.InvariantCulture));
        if (CustomResourceEventParser.IsCustomResourceEvent(invocation.Payload))
        {
            try
            {
                await HandleCustomResourceAsync(invocation, fleet, deadline, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException && e is not RuntimeApiException && e is not HttpRequestException)
            {
                // A defect must cost this invocation only, never the loop.
                var error = new InvocationError(e.GetType().Name, ErrorText.Sanitize(e.Message));
                logger.InvocationFailed(error.ErrorType, error.ErrorMessage, e);
                await PostErrorAsync(invocation, error, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        RefreshRequest request;
        try
        {
            if (InvocationPayload.ParseStatus(invocation.Payload, fleet) is { } statusRequest)
            {
                await HandleStatusAsync(invocation, fleet, statusRequest, deadline, cancellationToken).ConfigureAwait(false);
                return;
            }

            request = InvocationPayload.Parse(invocation.Payload, fleet);
        }
        catch (InvalidPayloadException e)
        {
            var message = ErrorText.Truncate(e.Message, ErrorText.DefaultMaxLength);
            logger.InvalidPayload(message);
            await PostErrorAsync(invocation, new InvocationError(InvalidPayloadException.ErrorType, message), cancellationToken).ConfigureAwait(false);
            return;
        }

        RefreshReport report;
        try
        {
            report = await refresh(fleet, request, deadline, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await PostErrorAsync(invocation, new InvocationError(StoppedErrorType, "the function was stopped before the run finished"), CancellationToken.None)
                .ConfigureAwait(false);
            throw;
        }
#pragma warning disable CA1031 // Any failure of one run is that invocation's error; the loop goes on.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var error = new InvocationError(e.GetType().Name, ErrorText.Sanitize(e.Message));
            logger.InvocationFailed(error.ErrorType, error.ErrorMessage, e);
            await PostErrorAsync(invocation, error, cancellationToken).ConfigureAwait(false);
            return;
        }

        var json = await LogReportAsync(report, cancellationToken).ConfigureAwait(false);
        if (report.Status == RunStatus.Succeeded)
        {
            await AnswerAsync("invocation response", () => runtime.PostResponseAsync(invocation.RequestId, json, cancellationToken)).ConfigureAwait(false);
        }
        else
        {
            await PostErrorAsync(invocation, new InvocationError(FailureSummary.ErrorTypeOf(report), FailureSummary.Describe(report)), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A status reading: the report is the response (a reading that finds stale namespaces still succeeded; the report
    /// says so in <c>healthy</c>), with no metrics line; it is cut off one second before the invocation deadline.
    /// </summary>
    private async Task HandleStatusAsync(Invocation invocation, Fleet fleet, StatusRequest request, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        if (status is null)
        {
            await PostErrorAsync(invocation, new InvocationError(InvalidPayloadException.ErrorType, "status: this function does not serve status readings"), cancellationToken).ConfigureAwait(false);
            return;
        }

        using var cutoff = new CancellationTokenSource(Max(deadline - clock.GetUtcNow() - TimeSpan.FromSeconds(1), TimeSpan.Zero), clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, cutoff.Token);
        StatusReport report;
        try
        {
            report = await status(fleet, request, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cutoff.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await PostErrorAsync(invocation, new InvocationError("StatusTimedOut", "the status reading did not finish before the invocation deadline"), cancellationToken).ConfigureAwait(false);
            return;
        }

        var json = JsonSerializer.SerializeToUtf8Bytes(report, JsonContext.Relaxed.StatusReport);
        await AnswerAsync("invocation response", () => runtime.PostResponseAsync(invocation.RequestId, json, cancellationToken)).ConfigureAwait(false);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>
    /// A CloudFormation custom-resource request: handled and answered to CloudFormation by <see cref="CustomResourceHandler"/>
    /// over the deployed <paramref name="fleet"/>; its run is logged and measured as any run (a cleanup's metrics line
    /// has no RunSucceeded). Once the answer is delivered the invocation succeeds, whatever the run came to: the
    /// failure is in the answer, the logs and the failed-clusters metric, and no failure record (with the ResponseURL
    /// in its request payload) goes to the on-failure destination. Only an answer that could not be sent is a function error.
    /// </summary>
    private async Task HandleCustomResourceAsync(Invocation invocation, Fleet fleet, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var outcome = await customResources.HandleAsync(invocation, fleet, deadline, cancellationToken).ConfigureAwait(false);
        if (outcome.Report is { } report)
        {
            await LogReportAsync(report, cancellationToken).ConfigureAwait(false);
        }

        if (outcome.Error is not null || outcome.Response is null)
        {
            await PostErrorAsync(invocation, outcome.Error ?? new InvocationError(CustomResourceHandler.AnswerFailedErrorType, "no answer was made"), cancellationToken).ConfigureAwait(false);
            return;
        }

        var json = JsonSerializer.SerializeToUtf8Bytes(outcome.Response, JsonContext.Relaxed.CustomResourceResponse);
        await AnswerAsync("invocation response", () => runtime.PostResponseAsync(invocation.RequestId, json, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Logs the report (one line, the report nested; a cleanup's as such) and writes its EMF line; gives the report's JSON.</summary>
    private async Task<byte[]> LogReportAsync(RefreshReport report, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(report, JsonContext.Relaxed.RefreshReport);
        ReportLog.Write(logger, report);
        await metricsOut.WriteLineAsync(EmbeddedMetrics.Build(report, functionName, clock.GetUtcNow(), LogLevels.Minimum(environment))).ConfigureAwait(false);
        await metricsOut.FlushAsync(cancellationToken).ConfigureAwait(false);
        return json;
    }

    /// <summary>
    /// The deadline Lambda gives in epoch milliseconds. One that is missing, unreadable or already past cannot be real
    /// (<c>@vercel/fun</c> sends e.g. <c>5000</c>): it is replaced, with a warning, by a conservative one (the function
    /// timeout from <see cref="FunctionTimeoutVariable"/>, else 60 s from now), never by none: a run without a deadline
    /// would write until Lambda kills it, and never send its report.
    /// </summary>
    private DateTimeOffset Deadline(string? header)
    {
        var now = clock.GetUtcNow();
        if (header is not null
            && long.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            && milliseconds <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
            && DateTimeOffset.FromUnixTimeMilliseconds(milliseconds) is var deadline
            && deadline > now)
        {
            return deadline;
        }

        logger.DeadlineIgnored(header is null ? "(missing)" : ErrorText.Sanitize(header, 40), (long)fallbackTimeout.TotalSeconds);
        return now + fallbackTimeout;
    }

    /// <summary>A whole number of seconds from 1 to 900 (Lambda's largest timeout); anything else: the 60 s default.</summary>
    private static TimeSpan FallbackTimeout(string? seconds) =>
        int.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 900
            ? TimeSpan.FromSeconds(value)
            : DefaultFallbackTimeout;

    private Task PostErrorAsync(Invocation invocation, InvocationError error, CancellationToken cancellationToken) =>
        AnswerAsync("invocation error", () => runtime.PostErrorAsync(invocation.RequestId, error, cancellationToken));

    /// <summary>A 4xx on an answer (e.g. a response too large) costs this invocation only; a 5xx ends the process.</summary>
    private async Task AnswerAsync(string operation, Func<Task> post)
    {
        try
        {
            await post().ConfigureAwait(false);
        }
        catch (RuntimeApiException e) when (!e.IsFatal)
        {
            logger.RuntimeApiRejected(operation, e.Message);
        }
    }
}
