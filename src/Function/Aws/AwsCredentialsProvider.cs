using System.Collections.Concurrent;
using System.Net;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using EcrPublicLambda.Configuration;
using EcrPublicLambda.Common;
using RetryPolicy = EcrPublicLambda.Common.RetryPolicy;
using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Aws;

/// <summary>
/// The caller's credentials (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN from the
/// <see cref="AppEnvironment"/>, else AWSSDK.Core's default chain) and, per role ARN, AssumeRole credentials
/// from the regional STS endpoint, cached until <see cref="RefreshBefore"/> their expiry. AssumeRole goes through the
/// SDK's STS client with its own retries off (<c>MaxErrorRetry = 0</c>) and is retried under the one
/// <see cref="RetryPolicy"/>, like every other AWS call. Clock skew: the SDK's own correction stays on
/// (<c>AWSConfigs.CorrectForClockSkew</c>, and <c>DisableClockSkewCorrection = false</c> on the client, so neither
/// <c>AWS_DISABLE_CLOCK_SKEW_CORRECTION</c> nor a profile turns it off): it learns the offset from every STS
/// response's <c>Date</c> per endpoint and signs the next attempt with it. With its retries off it does not resend,
/// so a clock skew error (<see cref="AwsRetryPolicy.IsClockSkew"/> and "Signature expired" / "Signature not yet
/// current") is retried here, once. The cached credentials' expiry (AWS's time) is compared with the
/// <see cref="AwsClock"/>'s corrected time.
/// </summary>
internal sealed class AwsCredentialsProvider(
    AppEnvironment environment,
    AwsEndpoints endpoints,
    HttpClient http,
    AwsClock clock,
    ILogger logger,
    RetryPolicy retry,
    Func<CancellationToken, Task<AwsCredentials>>? sdkChain = null) : IDisposable
{
    internal const string SessionName = "ecr-public-lambda";
    internal static readonly TimeSpan RefreshBefore = TimeSpan.FromMinutes(5);
    internal static readonly TimeSpan RoleDuration = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, AwsCredentials> roles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new(StringComparer.Ordinal);
    private readonly SharedHttpClientFactory httpFactory = new(http);
    private int assumeRoleCalls;

    /// <summary>How many AssumeRole calls succeeded (the cache's misses).</summary>
    internal int AssumeRoleCalls => Volatile.Read(ref assumeRoleCalls);

    /// <summary>The caller's own credentials.</summary>
    /// <exception cref="AwsCredentialsException">None can be found.</exception>
    internal async Task<AwsCredentials> BaseAsync(CancellationToken cancellationToken)
    {
        if (environment.Get("AWS_ACCESS_KEY_ID") is { } accessKey && environment.Get("AWS_SECRET_ACCESS_KEY") is { } secretKey)
        {
            logger.AwsCredentialsResolved("environment");
            return new AwsCredentials(accessKey, secretKey, environment.Get("AWS_SESSION_TOKEN"));
        }

        var credentials = await (sdkChain ?? SdkChainAsync)(cancellationToken).ConfigureAwait(false);
        logger.AwsCredentialsResolved("the AWS SDK default chain");
        return credentials;
    }

    /// <summary>The caller's credentials, or the role's when <paramref name="roleArn"/> is given (cached per role).</summary>
    /// <exception cref="AwsCredentialsException">No base credentials.</exception>
    /// <exception cref="AwsServiceException">AssumeRole failed (service <c>STS</c>; the message names the role and the AWS error code).</exception>
    internal async Task<AwsCredentials> ForAsync(string? roleArn, string region, CancellationToken cancellationToken)
    {
        if (roleArn is null)
        {
            return await BaseAsync(cancellationToken).ConfigureAwait(false);
        }

        if (Fresh(roleArn) is { } cached)
        {
            return cached;
        }

        var gate = gates.GetOrAdd(roleArn, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh(roleArn) is { } raced)
            {
                return raced;
            }

            var assumed = await AssumeRoleAsync(roleArn, region, cancellationToken).ConfigureAwait(false);
            roles[roleArn] = assumed;
            return assumed;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose()
    {
        foreach (var gate in gates.Values)
        {
            gate.Dispose();
        }
    }

    private AwsCredentials? Fresh(string roleArn) =>
        roles.TryGetValue(roleArn, out var credentials) && credentials.ExpiresAt - RefreshBefore > clock.Now ? credentials : null;

    private async Task<AwsCredentials> AssumeRoleAsync(string roleArn, string region, CancellationToken cancellationToken)
    {
        var caller = await BaseAsync(cancellationToken).ConfigureAwait(false);
        var stsEndpoint = endpoints.Sts(region);
        var config = new AmazonSecurityTokenServiceConfig
        {
            ServiceURL = stsEndpoint.AbsoluteUri,
            AuthenticationRegion = region,
            HttpClientFactory = httpFactory,
            MaxErrorRetry = 0,
            Timeout = AwsHttpSender.AttemptTimeout,
            DisableClockSkewCorrection = false,
        };
        AWSCredentials sdkCredentials = caller.SessionToken is { } token
            ? new SessionAWSCredentials(caller.AccessKeyId, caller.SecretAccessKey, token)
            : new BasicAWSCredentials(caller.AccessKeyId, caller.SecretAccessKey);
        using var sts = new AmazonSecurityTokenServiceClient(sdkCredentials, config);
        var request = new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = SessionName, DurationSeconds = (int)RoleDuration.TotalSeconds };
        var skewRetried = false;
        var ((response, failure), _) = await retry.ExecuteAsync<(AssumeRoleResponse? Response, Exception? Failure)>(
            async (_, token) =>
            {
                try
                {
                    return new((await sts.AssumeRoleAsync(request, token).ConfigureAwait(false), null), false);
                }
                catch (AmazonServiceException e) when (!skewRetried && IsSkewError(e))
                {
                    skewRetried = true;
                    return new((null, e), true);
                }
                catch (AmazonServiceException e)
                {
                    return new((null, e), AwsRetryPolicy.IsRetryable(e.StatusCode, e.ErrorCode));
                }
                catch (Exception e) when (e is AmazonClientException or HttpRequestException || (e is OperationCanceledException && !token.IsCancellationRequested))
                {
                    return new((null, e), true);
                }
            },
            (attempt, failed, wait) => logger.AwsCallRetrying("STS", "AssumeRole", attempt, Reason(failed.Failure!), (long)wait.TotalMilliseconds),
            cancellationToken).ConfigureAwait(false);
        if (failure is AmazonServiceException serviceError)
        {
            var code = Code(serviceError);
            logger.RoleAssumeFailed(roleArn, code, (int)serviceError.StatusCode);
            var detail = new AwsErrorResponse(code, serviceError.Message).SafeMessage(caller);
            throw new AwsServiceException("STS", code, serviceError.StatusCode, $"cannot assume role {roleArn}: {code} (HTTP {(int)serviceError.StatusCode}): {detail}");
        }

        if (failure is not null)
        {
            logger.RoleAssumeFailed(roleArn, AwsServiceException.TransportErrorCode, 0);
            throw new AwsServiceException(
                "STS",
                AwsServiceException.TransportErrorCode,
                0,
                $"cannot assume role {roleArn}: STS at {stsEndpoint.GetLeftPart(UriPartial.Authority)} did not answer ({caller.Redact(failure.Message.Split('\n', 2)[0])})");
        }

        var issued = response!.Credentials;
        if (issued?.AccessKeyId is not { Length: > 0 } || issued.SecretAccessKey is not { Length: > 0 } || issued.SessionToken is not { Length: > 0 })
        {
            throw new AwsServiceException("STS", AwsServiceException.InvalidResponseCode, HttpStatusCode.OK, $"cannot assume role {roleArn}: STS returned no credentials");
        }

        var expiresAt = issued.Expiration is { } expiration
            ? new DateTimeOffset(DateTime.SpecifyKind(expiration, expiration.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : expiration.Kind)).ToUniversalTime()
            : clock.Now + RoleDuration;
        Interlocked.Increment(ref assumeRoleCalls);
        logger.RoleAssumed(roleArn, stsEndpoint.GetLeftPart(UriPartial.Authority), expiresAt);
        return new AwsCredentials(issued.AccessKeyId, issued.SecretAccessKey, issued.SessionToken, expiresAt);
    }

    /// <summary>A clock skew error by its code and words (the SDK exception carries no <c>Date</c>; the SDK has learned it).</summary>
    private static bool IsSkewError(AmazonServiceException e) =>
        AwsRetryPolicy.IsClockSkew(e.StatusCode, e.ErrorCode)
        && (e.ErrorCode is "RequestTimeTooSkewed" or "RequestExpired" or "RequestInTheFuture"
            || e.Message.StartsWith("Signature expired", StringComparison.Ordinal)
            || e.Message.StartsWith("Signature not yet current", StringComparison.Ordinal));

    private static string Code(AmazonServiceException e) => string.IsNullOrEmpty(e.ErrorCode) ? $"HTTP{(int)e.StatusCode}" : e.ErrorCode;

    /// <summary>What a retry log line says about a failed attempt: the AWS error code and status, or that STS did not answer (never the message, which may quote a key).</summary>
    private static string Reason(Exception failure) =>
        failure is AmazonServiceException e ? $"HTTP {(int)e.StatusCode} {Code(e)}" : "no answer from STS";

    private static async Task<AwsCredentials> SdkChainAsync(CancellationToken cancellationToken)
    {
        try
        {
            var resolved = await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            var immutable = await resolved.GetCredentialsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            return new AwsCredentials(immutable.AccessKey, immutable.SecretKey, immutable.Token);
        }
        catch (AmazonClientException e)
        {
            throw new AwsCredentialsException(
                "no AWS credentials found (tried the environment, web identity, container, instance profile and profiles)", e);
        }
    }
}
