using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Aws;

/// <summary>
/// The log lines of the AWS clients (event ids 2xx). Never pass a password, token or Secret payload to any of these.
/// </summary>
internal static partial class AwsLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "AWS {Service} {Operation}: HTTP {StatusCode} after {ElapsedMs} ms (attempt {Attempt})")]
    internal static partial void AwsCallCompleted(this ILogger logger, string service, string operation, int statusCode, long elapsedMs, int attempt);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "AWS {Service} {Operation}: attempt {Attempt} failed ({Reason}); retrying in {DelayMs} ms")]
    internal static partial void AwsCallRetrying(this ILogger logger, string service, string operation, int attempt, string reason, long delayMs);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "AWS {Service} {Operation} failed: {Code} (HTTP {StatusCode})")]
    internal static partial void AwsCallFailed(this ILogger logger, string service, string operation, string code, int statusCode);

    [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "Assumed role {RoleArn} via {StsEndpoint}; credentials valid until {ExpiresAt:o}")]
    internal static partial void RoleAssumed(this ILogger logger, string roleArn, string stsEndpoint, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "Cannot assume role {RoleArn}: {Code} (HTTP {StatusCode})")]
    internal static partial void RoleAssumeFailed(this ILogger logger, string roleArn, string code, int statusCode);

    [LoggerMessage(EventId = 205, Level = LogLevel.Debug, Message = "AWS credentials from {Source}")]
    internal static partial void AwsCredentialsResolved(this ILogger logger, string source);

    [LoggerMessage(EventId = 206, Level = LogLevel.Warning, Message = "AWS {Service} {Operation}: clock skew: AWS's Date header is {OffsetSeconds} s from this machine's clock (positive: the machine is behind); AWS calls and EKS tokens are now signed with the corrected time{Retry}")]
    internal static partial void AwsClockSkewCorrected(this ILogger logger, string service, string operation, long offsetSeconds, string retry);
}
