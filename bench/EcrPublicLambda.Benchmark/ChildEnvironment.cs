using EcrPublicLambda.Fakes;

namespace EcrPublicLambda.Benchmark;

/// <summary>
/// The whole environment of a bootstrap child: the fake AWS endpoints (per service, as the SDKs name them), the
/// fake's test key pair, a throwaway HOME (no ~/.aws profiles), no instance metadata, and nothing else inherited.
/// </summary>
internal static class ChildEnvironment
{
    internal static Dictionary<string, string> For(FakeAwsServer aws, string home, params (string Name, string Value)[] extra)
    {
        var endpoint = aws.Endpoint.AbsoluteUri;
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
            ["HOME"] = home,
            ["AWS_ENDPOINT_URL_ECR_PUBLIC"] = endpoint,
            ["AWS_ENDPOINT_URL_EKS"] = endpoint,
            ["AWS_ENDPOINT_URL_STS"] = endpoint,
            ["AWS_ACCESS_KEY_ID"] = FakeAwsServer.AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = FakeAwsServer.SecretAccessKey,
            ["AWS_EC2_METADATA_DISABLED"] = "true",
        };
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root)
        {
            variables["DOTNET_ROOT"] = root;
        }

        foreach (var (name, value) in extra)
        {
            variables[name] = value;
        }

        return variables;
    }
}
