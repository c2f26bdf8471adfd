using EcrPublicLambda.Fakes;

namespace EcrPublicLambda.Benchmark;

/// <summary>
/// The whole environment of a bootstrap child: the fake AWS endpoints (per service, as the SDKs name them), the
/// fake's test key pair, a throwaway HOME (no ~/.aws profiles), no instance metadata; of this process's environment
/// only PATH, DOTNET_ROOT and what BENCH_CHILD_* variables give.
/// </summary>
internal static class ChildEnvironment
{
    internal const string ChildPrefix = "BENCH_CHILD_";

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
            ["AWS_ENDPOINT_URL_SECRETS_MANAGER"] = endpoint,
            ["AWS_ACCESS_KEY_ID"] = FakeAwsServer.AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = FakeAwsServer.SecretAccessKey,
            ["AWS_EC2_METADATA_DISABLED"] = "true",
        };
        // DOTNET_ROOT for `dotnet bootstrap.dll`; BENCH_CHILD_X=Y becomes X=Y in the child only (experiments with GC or
        // glibc knobs that must not change the fakes' process too, e.g. BENCH_CHILD_DOTNET_GCHeapHardLimit=0x3000000).
        foreach (var (name, value) in Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Select(entry => ((string)entry.Key, (string?)entry.Value ?? string.Empty)))
        {
            if (name == "DOTNET_ROOT")
            {
                variables[name] = value;
            }
            else if (name.StartsWith(ChildPrefix, StringComparison.Ordinal) && name.Length > ChildPrefix.Length)
            {
                variables[name[ChildPrefix.Length..]] = value;
            }
        }

        foreach (var (name, value) in extra)
        {
            variables[name] = value;
        }

        return variables;
    }
}
