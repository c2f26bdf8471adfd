using System.Text.Json;
using EcrPublicLambda.Configuration;
using EcrPublicLambda.Hosting.Logging;
using EcrPublicLambda.Refresh;
using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Hosting.Lambda;

/// <summary>
/// Publishes a run's report in Lambda, whichever invocation made the run: the log lines (<see cref="ReportLog"/>), the
/// EMF metrics line (<see cref="EmbeddedMetrics"/>, on <paramref name="metricsOut"/>), and the report's JSON for the response.
/// </summary>
internal sealed class ReportPublisher(AppEnvironment environment, TextWriter metricsOut, TimeProvider clock, ILogger logger)
{
    private readonly string functionName = environment.Get("AWS_LAMBDA_FUNCTION_NAME") ?? "bootstrap";

    /// <summary>Logs the report and writes its metrics; gives the report's JSON.</summary>
    internal async Task<byte[]> PublishAsync(RefreshReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var json = JsonSerializer.SerializeToUtf8Bytes(report, JsonContext.Relaxed.RefreshReport);
        ReportLog.Write(logger, report);
        await metricsOut.WriteLineAsync(EmbeddedMetrics.Build(report, functionName, clock.GetUtcNow(), LogLevels.Minimum(environment))).ConfigureAwait(false);
        await metricsOut.FlushAsync(cancellationToken).ConfigureAwait(false);
        return json;
    }

    /// <summary>The invocation's answer for a run: the report when it succeeded, else the failure summary as the function error.</summary>
    internal static InvocationResult Answer(RefreshReport report, byte[] json)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Status == RunStatus.Succeeded
            ? InvocationResult.Succeeded(json)
            : InvocationResult.Failed(new InvocationError(FailureSummary.ErrorTypeOf(report), FailureSummary.Describe(report)));
    }
}
