using System.Text;
using System.Text.Json.Nodes;
using EcrPublicLambda.Fakes;
using EcrPublicLambda.Kubernetes;
using EcrPublicLambda.Tests.Refresh;

namespace EcrPublicLambda.Tests.Hosting;

/// <summary>
/// A fleet whose cluster <c>alpha</c> holds one namespace of each verdict: <c>fresh</c> (11 h left), <c>expiring</c>
/// (2 h left), <c>stale</c> (expired an hour ago), <c>missing</c> (no Secret), <c>foreign</c> (a same-named Secret made
/// by kubectl) and <c>retired</c> (our Secret, in a namespace the fleet no longer lists: orphaned). Our Secrets are
/// written as a refresh writes them: a server-side apply by our field manager.
/// </summary>
internal static class StatusWorld
{
    internal static readonly string[] Selected = ["fresh", "expiring", "stale", "missing", "foreign"];

    internal static async Task<RefreshWorld> StartAsync(params WorldCluster[] more)
    {
        var world = await RefreshWorld.StartAsync(
            [new WorldCluster("alpha", "eu-west-1", Selected) { ServerNamespaces = [.. Selected, "retired"], ServiceAccounts = ["default"] }, .. more],
            adoptExisting: false);
        var server = world["alpha"];
        var now = world.Time.Clock.GetUtcNow();
        SeedOurs(server, "fresh", now + TimeSpan.FromHours(11));
        SeedOurs(server, "expiring", now + TimeSpan.FromHours(2));
        SeedOurs(server, "stale", now - TimeSpan.FromHours(1));
        SeedOurs(server, "retired", now + TimeSpan.FromHours(11));
        server.SeedSecret("foreign", RefreshWorld.SecretName, KubernetesCluster.SecretType,
            new Dictionary<string, string> { [KubernetesCluster.DockerConfigKey] = """{"auths":{"ghcr.io":{"auth":"c29tZW9uZTplbHNl"}}}""" });
        server.SeedServiceAccount("fresh", "default", [RefreshWorld.SecretName]);
        server.SeedServiceAccount("expiring", "default", []);
        server.ClearRequests();
        return world;
    }

    /// <summary>
    /// Our Secret, as <c>bootstrap refresh</c> applies it, expiring at <paramref name="expiresAt"/>; with
    /// <paramref name="instance"/>, as the deployment of that fleet <c>instance</c> applies it.
    /// </summary>
    internal static void SeedOurs(FakeKubernetesServer server, string ns, DateTimeOffset expiresAt, string? instance = null)
    {
        var labels = new JsonObject { [KubernetesCluster.ManagedByLabel] = KubernetesCluster.FieldManager };
        if (instance is not null)
        {
            labels[KubernetesCluster.InstanceLabel] = instance;
        }

        var config = """{"auths":{"public.ecr.aws":{"username":"AWS","password":"pw"},"ecr-public.aws.com":{"username":"AWS","password":"pw"}}}""";
        var body = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject
            {
                ["name"] = RefreshWorld.SecretName,
                ["labels"] = labels,
                ["annotations"] = new JsonObject { [KubernetesCluster.ExpiresAtAnnotation] = expiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) },
            },
            ["type"] = KubernetesCluster.SecretType,
            ["data"] = new JsonObject { [KubernetesCluster.DockerConfigKey] = Convert.ToBase64String(Encoding.UTF8.GetBytes(config)) },
        };
        var (code, _) = server.Store.Apply("secrets", ns, RefreshWorld.SecretName, body, KubernetesCluster.FieldManager, force: false, dryRun: false);
        Assert.Equal(201, code);
    }
}
