using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Aws;

/// <summary>
/// Where the AWS calls go: <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c>, else <c>AWS_ENDPOINT_URL</c>, else the real endpoint.
/// An override may be plain <c>http</c> only on loopback (a local fake or emulator).
/// Read once from <see cref="AppEnvironment"/>. The URL inside EKS bearer tokens is not affected (it always names
/// <c>sts.&lt;region&gt;.amazonaws.com</c>).
/// </summary>
internal sealed class AwsEndpoints
{
    private readonly Uri? ecrPublic;
    private readonly Uri? eks;
    private readonly Uri? sts;
    private readonly Uri? secretsManager;
    private readonly Uri? ssm;
    private readonly Uri? lambda;

    /// <exception cref="FormatException">
    /// An endpoint variable is not an absolute http(s) URL, or is plain http to another host than loopback; the message names it.
    /// </exception>
    internal AwsEndpoints(AppEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var shared = Read(environment, "AWS_ENDPOINT_URL");
        ecrPublic = Read(environment, "AWS_ENDPOINT_URL_ECR_PUBLIC") ?? shared;
        eks = Read(environment, "AWS_ENDPOINT_URL_EKS") ?? shared;
        sts = Read(environment, "AWS_ENDPOINT_URL_STS") ?? shared;

        // The service identifier "Secrets Manager" (docs.aws.amazon.com/sdkref/latest/guide/ss-endpoints-table.html).
        secretsManager = Read(environment, "AWS_ENDPOINT_URL_SECRETS_MANAGER") ?? shared;
        ssm = Read(environment, "AWS_ENDPOINT_URL_SSM") ?? shared;
        lambda = Read(environment, "AWS_ENDPOINT_URL_LAMBDA") ?? shared;
    }

    /// <summary>ECR Public lives in us-east-1 only.</summary>
    internal Uri EcrPublic => ecrPublic ?? new Uri("https://api.ecr-public.us-east-1.amazonaws.com/");

    internal Uri Eks(string region) => eks ?? new Uri($"https://eks.{region}.amazonaws.com/");

    /// <summary>The STS endpoint for AssumeRole (regional).</summary>
    internal Uri Sts(string region) => sts ?? new Uri($"https://sts.{region}.amazonaws.com/");

    /// <summary>The region's Secrets Manager endpoint (where the secret lives).</summary>
    internal Uri SecretsManager(string region) => secretsManager ?? new Uri($"https://secretsmanager.{region}.amazonaws.com/");

    /// <summary>SSM in the function's own region (the deployed-fleet parameter).</summary>
    internal Uri Ssm(string region) => ssm ?? new Uri($"https://ssm.{region}.amazonaws.com/");

    /// <summary>Lambda in the function's own region (its reserved concurrency).</summary>
    internal Uri Lambda(string region) => lambda ?? new Uri($"https://lambda.{region}.amazonaws.com/");

    private static Uri? Read(AppEnvironment environment, string name)
    {
        var value = environment.Get(name);
        if (value is null)
        {
            return null;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new FormatException($"{name}: \"{value}\" is not an absolute http(s) URL");
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
        {
            // Signed requests and the credentials STS answers with would cross the network in the clear.
            throw new FormatException($"{name}: \"http://{uri.Authority}\" is plain http, which is allowed only on loopback (127.0.0.1, ::1, localhost); use https");
        }

        return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }
}
