using System.Globalization;
using EcrPublicLambda.Common;
using EcrPublicLambda.Configuration;
using EcrPublicLambda.Hosting.Logging;
using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Hosting.Lambda;

/// <summary>
/// The custom-runtime loop, generic as aws-lambda-dotnet's RuntimeSupport keeps it: <paramref name="init"/> makes the
/// one <see cref="InvocationHandler"/> (or the init error is reported and the process exits non-zero); then for each
/// invocation: next, set the trace id, read the deadline, call the handler, post its response or error. What an
/// invocation means (which run, which report, which metrics) is the handler's. One invocation's failure never ends the
/// loop; cancellation (SIGTERM) ends it cleanly, and a broken Runtime API ends it with exit code 1.
/// See https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html (next, response, error, init error).
/// </summary>
internal sealed class LambdaHost(RuntimeApiClient runtime, AppEnvironment environment, Func<InvocationHandler> init, TimeProvider clock, ILogger logger)
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

    private readonly TimeSpan fallbackTimeout = FallbackTimeout(environment.Get(FunctionTimeoutVariable));

    /// <summary>Serves invocations until <paramref name="cancellationToken"/> is cancelled (0) or the Runtime API fails (1); an init error is 2 or 1.</summary>
    internal async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var (handler, initExitCode) = await InitAsync(cancellationToken).ConfigureAwait(false);
            if (handler is null)
            {
                return initExitCode;
            }

            while (!cancellationToken.IsCancellationRequested)
            {
                var invocation = await runtime.NextAsync(cancellationToken).ConfigureAwait(false);
                await HandleAsync(invocation, handler, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Makes the handler; on failure reports the init error and gives the exit code (the init's, or 1).</summary>
    private async Task<(InvocationHandler? Handler, int ExitCode)> InitAsync(CancellationToken cancellationToken)
    {
        InvocationError error;
        int exitCode;
        try
        {
            return (init(), ExitCodes.Success);
        }
        catch (LambdaInitException e)
        {
            (error, exitCode) = (e.Error, e.ExitCode);
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

    private async Task HandleAsync(Invocation invocation, InvocationHandler handler, CancellationToken cancellationToken)
    {
        // Per invocation, as the X-Ray SDKs expect; cleared when an invocation comes without one.
        Environment.SetEnvironmentVariable(TraceIdVariable, invocation.TraceId);
        using var scope = logger.BeginScope(new InvocationScope(invocation.RequestId));
        var deadline = Deadline(invocation.DeadlineHeader);
        logger.InvocationReceived(deadline.UtcDateTime.ToString(JsonLogger.TimestampFormat, CultureInfo.InvariantCulture));

        InvocationResult result;
        try
        {
            result = await handler(invocation, deadline, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await PostErrorAsync(invocation, new InvocationError(StoppedErrorType, "the function was stopped before the run finished"), CancellationToken.None)
                .ConfigureAwait(false);
            throw;
        }
#pragma warning disable CA1031 // Any failure of one invocation is that invocation's error; the loop goes on.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var error = new InvocationError(e.GetType().Name, ErrorText.Sanitize(e.Message));
            logger.InvocationFailed(error.ErrorType, error.ErrorMessage, e);
            result = InvocationResult.Failed(error);
        }

        if (result.Response is { } response)
        {
            await AnswerAsync("invocation response", () => runtime.PostResponseAsync(invocation.RequestId, response, cancellationToken)).ConfigureAwait(false);
        }
        else
        {
            await PostErrorAsync(invocation, result.Error!, cancellationToken).ConfigureAwait(false);
        }
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
