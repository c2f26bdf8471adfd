using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcrPublicLambda.Fakes;

namespace EcrPublicLambda.Benchmark;

/// <summary>
/// The fake clusters of one scenario: one <see cref="FakeKubernetesServer"/> (own Kestrel HTTPS port, own CA, h2 and
/// HTTP/1.1) per cluster, each authenticating only tokens signed for its own cluster name, registered with the fake
/// EKS so that <c>DescribeCluster</c> gives the endpoint and CA. Every namespace of the scenario exists.
/// </summary>
internal sealed class FakeFleet : IAsyncDisposable
{
    internal const string Region = "eu-west-1";
    internal const string SecretName = "ecr-public-token";

    private FakeFleet(Scenario scenario, IReadOnlyList<FakeKubernetesServer> servers)
    {
        Scenario = scenario;
        Servers = servers;
    }

    internal Scenario Scenario { get; }

    internal IReadOnlyList<FakeKubernetesServer> Servers { get; }

    internal static IReadOnlyList<string> Namespaces(int count) =>
        [.. Enumerable.Range(1, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"team-{i:D3}"))];

    internal static async Task<FakeFleet> StartAsync(Scenario scenario, FakeAwsServer aws, TimeSpan latency)
    {
        // The Kubernetes user the benchmark's AWS key pair maps to.
        var credential = new FakeKubernetesCredential(FakeAwsServer.AccessKeyId, FakeAwsServer.SecretAccessKey, "arn:aws:iam::111122223333:user/bench");
        var namespaces = Namespaces(scenario.Namespaces);
        var servers = new FakeKubernetesServer[scenario.Clusters];
        using var starting = new SemaphoreSlim(8);
        await Task.WhenAll(Enumerable.Range(0, scenario.Clusters).Select(async i =>
        {
            await starting.WaitAsync();
            try
            {
                var server = await FakeKubernetesServer.StartAsync(new FakeKubernetesOptions
                {
                    ClusterName = ClusterName(i),
                    Region = Region,
                    Credentials = [credential],
                    Namespaces = namespaces,
                    Http1Only = scenario.Http1Only,
                });
                server.Latency = latency;
                // By host name, as EKS gives its endpoints: .NET shares one OpenSSL context between handshakes only
                // for host names; with an IP literal every handshake would build its own (not what production does).
                aws.AddCluster(new FakeEksCluster(server.ClusterName, Region, LocalhostEndpoint(server), server.CertificateAuthority));
                servers[i] = server;
            }
            finally
            {
                starting.Release();
            }
        }));
        return new FakeFleet(scenario, servers);
    }

    /// <summary>
    /// The fleet file of this fleet: names, region and namespaces only, so the bootstrap asks EKS DescribeCluster; with
    /// <paramref name="registries"/>, the file's top-level <c>registries</c> (without: ECR Public, the default).
    /// </summary>
    internal void WriteFleet(string path, JsonArray? registries = null)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("secretName", SecretName);
        if (registries is not null)
        {
            json.WritePropertyName("registries");
            registries.WriteTo(json);
        }

        json.WriteStartArray("clusters");
        foreach (var server in Servers)
        {
            json.WriteStartObject();
            json.WriteString("name", server.ClusterName);
            json.WriteString("region", server.Region);
            json.WriteStartArray("namespaces");
            foreach (var ns in Namespaces(Scenario.Namespaces))
            {
                json.WriteStringValue(ns);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    internal void ClearRequests()
    {
        foreach (var server in Servers)
        {
            server.ClearRequests();
        }
    }

    internal int CountRequests() => Servers.Sum(server => server.Requests.Count);

    internal int MaxConcurrentRequests() => Servers.Max(server => server.MaxConcurrentRequests);

    /// <summary>The most connections one fake API server saw (since the last <see cref="ClearRequests"/>).</summary>
    internal int MaxConnectionsPerServer() => Servers.Max(server => server.ConnectionCount);

    /// <summary>
    /// When the first write of the Secret reached any fake API server (a <see cref="System.Diagnostics.Stopwatch"/>
    /// timestamp; since the last <see cref="ClearRequests"/>), or null when none did.
    /// </summary>
    internal long? FirstWriteAt() => Servers
        .SelectMany(server => server.Requests)
        .Where(request => request.Method is "PATCH" or "POST" or "PUT" && request.Path.Contains("/secrets", StringComparison.Ordinal))
        .Select(request => (long?)request.ReceivedAt)
        .Min();

    /// <summary>
    /// How many namespaces hold the Secret, with our label, in the fakes' stores; with <paramref name="servers"/>, only
    /// those whose <c>ecr-public-lambda/registries</c> annotation lists exactly these servers.
    /// </summary>
    internal int CountSecretsStored(IReadOnlyList<string>? servers = null) => Servers.Sum(server => Namespaces(Scenario.Namespaces).Count(ns =>
    {
        try
        {
            var metadata = server.Store.Get("secrets", ns, SecretName)["metadata"];
            return (string?)metadata?["labels"]?["app.kubernetes.io/managed-by"] == "ecr-public-lambda"
                && (servers is null || (string?)metadata?["annotations"]?["ecr-public-lambda/registries"] == string.Join(",", servers));
        }
        catch (FakeKubernetesException)
        {
            return false;
        }
    }));

    public async ValueTask DisposeAsync()
    {
        foreach (var server in Servers)
        {
            await server.DisposeAsync();
        }
    }

    internal static string LocalhostEndpoint(FakeKubernetesServer server) =>
        new UriBuilder(server.Endpoint) { Host = "localhost", Path = string.Empty }.Uri.AbsoluteUri.TrimEnd('/');

    private static string ClusterName(int index) =>
        new StringBuilder("bench-").Append(index.ToString("D3", CultureInfo.InvariantCulture)).ToString();
}
