using EcrPublicLambda.Configuration;
using EcrPublicLambda.Common;
using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Aws;

/// <summary>
/// Everything the refresh needs from AWS, composed from the app's seams: one ECR Public token, credentials per
/// cluster (with AssumeRole cached per role), <c>DescribeCluster</c> and EKS bearer tokens. One shared HttpClient.
/// </summary>
internal sealed class AwsClients : IDisposable
{
    private readonly AwsClock clock;
    private readonly AwsCredentialsProvider credentials;
    private readonly EcrPublicClient ecrPublic;
    private readonly EksClient eks;
    private readonly SecretsManagerClient secretsManager;
    private readonly SsmClient ssm;
    private readonly LambdaClient lambda;

    /// <exception cref="FormatException">An <c>AWS_ENDPOINT_URL*</c> variable is not an absolute http(s) URL.</exception>
    internal AwsClients(
        AppEnvironment environment,
        HttpClient http,
        TimeProvider clock,
        ILogger logger,
        RetryPolicy? retry = null,
        Func<CancellationToken, Task<AwsCredentials>>? sdkCredentialChain = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(logger);
        this.clock = new AwsClock(clock);
        Endpoints = new AwsEndpoints(environment);
        retry ??= new RetryPolicy(new RetryOptions(), clock);
        var sender = new AwsHttpSender(http, retry, clock, logger, this.clock);
        credentials = new AwsCredentialsProvider(environment, Endpoints, http, this.clock, logger, retry, sdkCredentialChain);
        ecrPublic = new EcrPublicClient(sender, Endpoints);
        eks = new EksClient(sender, Endpoints);
        secretsManager = new SecretsManagerClient(sender, Endpoints);
        ssm = new SsmClient(sender, Endpoints);
        lambda = new LambdaClient(sender, Endpoints);
    }

    internal AwsEndpoints Endpoints { get; }

    /// <summary>How many AssumeRole calls went to STS (the role cache's misses).</summary>
    internal int AssumeRoleCalls => credentials.AssumeRoleCalls;

    /// <summary>One ECR Public registry login (GetAuthorizationToken, us-east-1), with the caller's own credentials.</summary>
    /// <exception cref="AwsCredentialsException">No credentials.</exception>
    /// <exception cref="AwsServiceException">The call failed.</exception>
    internal async Task<RegistryCredentials> GetEcrPublicTokenAsync(CancellationToken cancellationToken)
    {
        var caller = await credentials.BaseAsync(cancellationToken).ConfigureAwait(false);
        return await ecrPublic.GetAuthorizationTokenAsync(caller, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The credentials to use for a cluster: the caller's, or <paramref name="roleArn"/>'s (AssumeRole via the region's STS, cached).</summary>
    /// <exception cref="AwsCredentialsException">No credentials.</exception>
    /// <exception cref="AwsServiceException">AssumeRole failed.</exception>
    internal Task<AwsCredentials> CredentialsForAsync(string? roleArn, string region, CancellationToken cancellationToken) =>
        credentials.ForAsync(roleArn, region, cancellationToken);

    /// <summary>EKS DescribeCluster; only an ACTIVE cluster is returned.</summary>
    /// <exception cref="AwsServiceException">Not found, denied, not ACTIVE, or unreachable.</exception>
    internal Task<EksClusterInfo> DescribeClusterAsync(string name, string region, AwsCredentials clusterCredentials, CancellationToken cancellationToken) =>
        eks.DescribeClusterAsync(name, region, clusterCredentials, cancellationToken);

    /// <summary>Secrets Manager GetSecretValue: the secret's <c>SecretString</c>, read with <paramref name="readerCredentials"/> in <paramref name="region"/>.</summary>
    /// <exception cref="AwsServiceException">Not found, denied, not decryptable, or no SecretString.</exception>
    internal Task<string> GetSecretStringAsync(string secretId, string region, AwsCredentials readerCredentials, CancellationToken cancellationToken) =>
        secretsManager.GetSecretStringAsync(secretId, region, readerCredentials, cancellationToken);

    /// <summary>SSM GetParameter of a String parameter in <paramref name="region"/>, with the caller's own credentials.</summary>
    /// <exception cref="AwsCredentialsException">No credentials.</exception>
    /// <exception cref="AwsServiceException">The call failed (code <see cref="SsmClient.ParameterNotFound"/> when it does not exist).</exception>
    internal async Task<string> GetParameterAsync(string name, string region, CancellationToken cancellationToken)
    {
        var caller = await credentials.BaseAsync(cancellationToken).ConfigureAwait(false);
        return await ssm.GetParameterAsync(name, region, caller, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lambda PutFunctionConcurrency on <paramref name="functionName"/>, with the caller's own credentials.</summary>
    /// <exception cref="AwsCredentialsException">No credentials.</exception>
    /// <exception cref="AwsServiceException">The call failed.</exception>
    internal async Task PutFunctionConcurrencyAsync(string functionName, string region, int executions, CancellationToken cancellationToken)
    {
        var caller = await credentials.BaseAsync(cancellationToken).ConfigureAwait(false);
        await lambda.PutFunctionConcurrencyAsync(functionName, region, executions, caller, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What this run learned of AWS's clock: AWS's time minus the machine's (zero until a response showed a skew).</summary>
    internal TimeSpan ClockOffset => clock.Offset;

    /// <summary>
    /// A bearer token for the cluster, signed now in AWS's time (the TimeProvider corrected by any skew an AWS response
    /// showed, see <see cref="AwsClock"/>); valid 14 minutes, its expiry given in the machine's time.
    /// </summary>
    internal EksToken CreateBearerToken(AwsCredentials clusterCredentials, string cluster, string region) =>
        EksTokenFactory.Create(clusterCredentials, cluster, region, clock.Now, clock.Offset);

    public void Dispose() => credentials.Dispose();
}
