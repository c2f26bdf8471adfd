using System.Text.Json;
using System.Text.Json.Nodes;
using EcrPublicLambda.Benchmark;
using EcrPublicLambda.Fakes;

namespace EcrPublicLambda.Sandbox;

/// <summary>
/// The sandbox's fleet, all on loopback: one <see cref="FakeAwsServer"/> (ECR Public, EKS, STS; every SigV4 signature
/// checked) and one <see cref="FakeKubernetesServer"/> per cluster (HTTPS with its own generated CA, EKS bearer tokens
/// checked against its cluster name and region, server-side apply). Every namespace has a service account
/// <c>default</c>; cluster <see cref="ForeignCluster"/> already holds a same-named Secret made by another tool
/// (<c>kubectl create</c>) in namespace <see cref="ForeignNamespace"/>. Cluster <c>onprem-k3s</c> is not EKS: its
/// ServiceAccount token (issued by its API server, valid two days) is in the fake Secrets Manager.
/// </summary>
internal sealed class SandboxFleet : IAsyncDisposable
{
    internal const string SecretName = "ecr-public-token";
    internal const string ServiceAccount = "default";
    internal const string ForeignCluster = "hybrid-us";
    internal const string ForeignNamespace = "monitoring";
    internal const string ManagedByLabel = "app.kubernetes.io/managed-by";

    /// <summary>The ECR Public password the fake hands out: unlike any other string of a run, so a leak would be plain to see.</summary>
    internal const string Password = "eyJwYXlsb2FkIjoic2FuZGJveCJ9+sandbox/Pw-41c7e2";

    /// <summary>The pull secret already listed by the service account of <c>edge-eu/apps</c>: a write must keep it.</summary>
    internal const string OtherPullSecret = "registry-mirror";

    internal static IReadOnlyList<SandboxCluster> Clusters { get; } =
    [
        new("edge-eu", "eu-west-1", ["default", "apps"], EndpointInFleet: false),
        new(ForeignCluster, "us-west-2", ["default", ForeignNamespace], EndpointInFleet: false),
        new("factory-ap", "ap-southeast-2", ["default"], EndpointInFleet: true),
        new("onprem-k3s", "eu-central-1", ["default"], EndpointInFleet: true, Kubernetes: true),
    ];

    private readonly List<SandboxMember> members = [];

    private SandboxFleet(FakeAwsServer aws) => Aws = aws;

    internal FakeAwsServer Aws { get; }

    internal static async Task<SandboxFleet> StartAsync()
    {
        var fleet = new SandboxFleet(await FakeAwsServer.StartAsync());
        try
        {
            fleet.Aws.EcrPassword = Password;
            // A password that expires 12 h from now, as ECR Public's does.
            fleet.Aws.EcrExpiresAt = TimeProvider.System.GetUtcNow().AddHours(12).ToUnixTimeSeconds();
            // The Kubernetes user the fake AWS's default key pair maps to in every cluster.
            var credential = new FakeKubernetesCredential(FakeAwsServer.AccessKeyId, FakeAwsServer.SecretAccessKey, "arn:aws:iam::111122223333:user/sandbox");
            foreach (var cluster in Clusters)
            {
                var server = await FakeKubernetesServer.StartAsync(new FakeKubernetesOptions
                {
                    ClusterName = cluster.Name,
                    Region = cluster.Region,
                    Credentials = [credential],
                    Namespaces = cluster.Namespaces,
                });
                fleet.members.Add(new SandboxMember(cluster, server));
                foreach (var ns in cluster.Namespaces)
                {
                    server.SeedServiceAccount(ns, ServiceAccount, cluster.Name == "edge-eu" && ns == "apps" ? [OtherPullSecret] : []);
                }

                if (cluster.Kubernetes)
                {
                    var token = server.IssueServiceAccountToken("ecr-public-lambda", "ecr-public-lambda", TimeProvider.System.GetUtcNow().AddDays(2));
                    fleet.Aws.AddSecret(cluster.SecretArn + "-Sandbx", new JsonObject { ["token"] = token }.ToJsonString());
                }
                else if (!cluster.EndpointInFleet)
                {
                    fleet.Aws.AddCluster(new FakeEksCluster(cluster.Name, cluster.Region, FakeFleet.LocalhostEndpoint(server), server.CertificateAuthority));
                }
            }

            fleet.Server(ForeignCluster).SeedSecret(
                ForeignNamespace,
                SecretName,
                "kubernetes.io/dockerconfigjson",
                new Dictionary<string, string> { [".dockerconfigjson"] = """{"auths":{"public.ecr.aws":{"auth":"c29tZW9uZTplbHNl"}}}""" });
            return fleet;
        }
        catch
        {
            await fleet.DisposeAsync();
            throw;
        }
    }

    internal FakeKubernetesServer Server(string cluster) => members.Single(m => m.Cluster.Name == cluster).Server;

    /// <summary>The fleet file; <c>factory-ap</c> and <c>onprem-k3s</c> are given with their endpoint and CA, the others by name only.</summary>
    internal void WriteFleet(string path)
    {
        var clusters = new JsonArray();
        foreach (var (cluster, server) in members)
        {
            var entry = new JsonObject
            {
                ["name"] = cluster.Name,
                ["namespaces"] = new JsonArray([.. cluster.Namespaces.Select(ns => (JsonNode)ns)]),
                ["serviceAccounts"] = new JsonArray(ServiceAccount),
            };
            if (cluster.Kubernetes)
            {
                // Its region is its secret's.
                entry["kind"] = "kubernetes";
                entry["credentialsSecretArn"] = cluster.SecretArn;
            }
            else
            {
                entry["region"] = cluster.Region;
            }

            if (cluster.EndpointInFleet)
            {
                entry["endpoint"] = FakeFleet.LocalhostEndpoint(server);
                entry["certificateAuthority"] = server.CertificateAuthority;
            }

            clusters.Add(entry);
        }

        var fleet = new JsonObject { ["secretName"] = SecretName, ["clusters"] = clusters };
        File.WriteAllText(path, fleet.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>
    /// What every namespace holds now, one line per object: each Secret with its type, its managed-by label and how
    /// many data keys it has (never a value), and the service accounts' <c>imagePullSecrets</c>.
    /// </summary>
    internal IReadOnlyList<string> DescribeNamespaces()
    {
        var lines = new List<string>();
        foreach (var (cluster, server) in members)
        {
            foreach (var ns in cluster.Namespaces)
            {
                lines.Add($"{cluster.Name} ({cluster.Region}) namespace {ns}:");
                foreach (var secret in Items(server, "secrets", ns))
                {
                    var managedBy = (string?)secret["metadata"]?["labels"]?[ManagedByLabel] ?? "(none: not managed by this tool)";
                    var keys = secret["data"] is JsonObject data ? data.Count : 0;
                    lines.Add($"  secret {secret["metadata"]?["name"]}: type {secret["type"]}, {ManagedByLabel}={managedBy}, data: {(keys > 0 ? $"present ({keys} key{(keys == 1 ? string.Empty : "s")})" : "none")}");
                }

                foreach (var account in Items(server, "serviceaccounts", ns))
                {
                    var pullSecrets = (account["imagePullSecrets"] as JsonArray ?? []).Select(item => (string?)item?["name"]).ToList();
                    lines.Add($"  service account {account["metadata"]?["name"]}: imagePullSecrets [{string.Join(", ", pullSecrets)}]");
                }
            }
        }

        return lines;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var member in members)
        {
            await member.Server.DisposeAsync();
        }

        await Aws.DisposeAsync();
    }

    private static IEnumerable<JsonNode> Items(FakeKubernetesServer server, string resource, string ns) =>
        server.Store.List(resource, ns)["items"]!.AsArray().OfType<JsonNode>();
}
