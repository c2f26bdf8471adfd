using System.Collections.Concurrent;
using System.Net;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using EcrPublicLambda.Configuration;
using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Aws;

/// <summary>
/// The caller's credentials (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN from the
/// <see cref="AppEnvironment"/>, else AWSSDK.Core's default chain) and, per role ARN, AssumeRole credentials
/// from the regional STS endpoint, cached until <see cref="RefreshBefore"/> their expiry.
/// </summary>
internal sealed class AwsCredentialsProvider(
    AppEnvironment environment,
    AwsEndpoints endpoints,
    HttpClient http,
    TimeProvider clock,
    ILogger logger,
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
        roles.TryGetValue(roleArn, out var credentials) && credentials.ExpiresAt - RefreshBefore > clock.GetUtcNow() ? credentials : null;

    private async Task<AwsCredentials> AssumeRoleAsync(string roleArn, string region, CancellationToken cancellationToken)
    {
        var caller = await BaseAsync(cancellationToken).ConfigureAwait(false);
        var stsEndpoint = endpoints.Sts(region);
        var config = new AmazonSecurityTokenServiceConfig
        {
            ServiceURL = stsEndpoint.AbsoluteUri,
            AuthenticationRegion = region,
            HttpClientFactory = httpFactory,
            MaxErrorRetry = 3,
            Timeout = AwsHttpSender.AttemptTimeout,
        };
        AWSCredentials sdkCredentials = caller.SessionToken is { } token
            ? new SessionAWSCredentials(caller.AccessKeyId, caller.SecretAccessKey, token)
            : new BasicAWSCredentials(caller.AccessKeyId, caller.SecretAccessKey);
        using var sts = new AmazonSecurityTokenServiceClient(sdkCredentials, config);
        AssumeRoleResponse response;
        try
        {
            response = await sts.AssumeRoleAsync(
                new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = SessionName, DurationSeconds = (int)RoleDuration.TotalSeconds },
                cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException e)
        {
            var code = string.IsNullOrEmpty(e.ErrorCode) ? $"HTTP{(int)e.StatusCode}" : e.ErrorCode;
            logger.RoleAssumeFailed(roleArn, code, (int)e.StatusCode);
            var detail = new AwsErrorResponse(code, e.Message).SafeMessage(caller);
            throw new AwsServiceException("STS", code, e.StatusCode, $"cannot assume role {roleArn}: {code} (HTTP {(int)e.StatusCode}): {detail}");
        }
        catch (Exception e) when (e is AmazonClientException or HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.RoleAssumeFailed(roleArn, AwsServiceException.TransportErrorCode, 0);
            throw new AwsServiceException(
                "STS",
                AwsServiceException.TransportErrorCode,
                0,
                $"cannot assume role {roleArn}: STS at {stsEndpoint.GetLeftPart(UriPartial.Authority)} did not answer ({caller.Redact(e.Message.Split('\n', 2)[0])})");
        }

        var issued = response.Credentials;
        if (issued?.AccessKeyId is not { Length: > 0 } || issued.SecretAccessKey is not { Length: > 0 } || issued.SessionToken is not { Length: > 0 })
        {
            throw new AwsServiceException("STS", AwsServiceException.InvalidResponseCode, HttpStatusCode.OK, $"cannot assume role {roleArn}: STS returned no credentials");
        }

        var expiresAt = issued.Expiration is { } expiration
            ? new DateTimeOffset(DateTime.SpecifyKind(expiration, expiration.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : expiration.Kind)).ToUniversalTime()
            : clock.GetUtcNow() + RoleDuration;
        Interlocked.Increment(ref assumeRoleCalls);
        logger.RoleAssumed(roleArn, stsEndpoint.GetLeftPart(UriPartial.Authority), expiresAt);
        return new AwsCredentials(issued.AccessKeyId, issued.SecretAccessKey, issued.SessionToken, expiresAt);
    }

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
