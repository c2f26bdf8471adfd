using EcrPublicLambda.Configuration;
using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Hosting.Logging;

/// <summary>The level names of Lambda's JSON log format and <c>AWS_LAMBDA_LOG_LEVEL</c>, mapped to <see cref="LogLevel"/>.</summary>
internal static class LogLevels
{
    internal const string Variable = "AWS_LAMBDA_LOG_LEVEL";

    /// <summary>The minimum level named by <c>AWS_LAMBDA_LOG_LEVEL</c> (TRACE, DEBUG, INFO, WARN, ERROR, FATAL; any case). Unset or unknown: INFO.</summary>
    internal static LogLevel Minimum(AppEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return Parse(environment.Get(Variable)) ?? LogLevel.Information;
    }

    internal static LogLevel? Parse(string? name) => name?.Trim().ToUpperInvariant() switch
    {
        "TRACE" => LogLevel.Trace,
        "DEBUG" => LogLevel.Debug,
        "INFO" => LogLevel.Information,
        "WARN" or "WARNING" => LogLevel.Warning,
        "ERROR" => LogLevel.Error,
        "FATAL" or "CRITICAL" => LogLevel.Critical,
        _ => null,
    };

    internal static string Name(LogLevel level) => level switch
    {
        LogLevel.Trace => "TRACE",
        LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARN",
        LogLevel.Error => "ERROR",
        _ => "FATAL",
    };
}
