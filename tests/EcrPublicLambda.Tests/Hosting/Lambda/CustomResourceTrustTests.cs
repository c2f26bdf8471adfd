using EcrPublicLambda.Configuration;
using EcrPublicLambda.Fakes;
using EcrPublicLambda.Tests.Refresh;

namespace EcrPublicLambda.Tests.Hosting.Lambda;

/// <summary>
/// Custom-resource events through the Lambda host as production composes it (the real engine, the fake AWS and API
/// servers): whatever an event names, the function writes only where its deployed fleet says, as it says.
/// </summary>
[Collection(LambdaHostCollection.Name)]
public sealed class CustomResourceTrustTests
{
    private const string Parameter = "/EcrPublicLambda/Prod/deployed-fleet-sha256";
    private const string FunctionName = "ecr-public-refresh";

    private static readonly Dictionary<string, string> TeamSecret = new() { [".dockerconfigjson"] = """{"auths":{"public.ecr.aws":{"auth":"dGVhbTpvd24="}}}""" };

    private static string ForeignFleet(Uri endpoint) =>
        $$"""{"secretName":"{{RefreshWorld.SecretName}}","adoptExisting":true,"clusters":[{"name":"prod-eu","region":"eu-west-1","namespaces":["apps","team"],"endpoint":"{{endpoint.AbsoluteUri}}","certificateAuthority":"LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t"}]}""";

    private static async Task<(RefreshWorld World, LambdaHarness Host)> StartAsync()
    {
        var world = await RefreshWorld.StartAsync(new WorldCluster("prod-eu", "eu-west-1", "apps", "team"));

        // A team's own pull Secret of the same name: not ours, so never adopted (the deployed fleet does not adopt).
        world["prod-eu"].SeedSecret("team", RefreshWorld.SecretName, "kubernetes.io/dockerconfigjson", TeamSecret);
        world.Aws.AddFunction(FunctionName, "eu-west-1", 1);
        return (world, await LambdaHarness.StartComposedAsync(LambdaHarness.Variables(world, Parameter), world.Time.Clock));
    }

    [Fact]
    public async Task Create_and_Delete_naming_a_foreign_endpoint_and_adoptExisting_send_it_nothing_and_adopt_nothing()
    {
        var (world, host) = await StartAsync();
        await using var _ = world;
        await using var __ = host;
        await using var foreign = FakeHungServer.Start();
        await using var responseUrl = await FakeCloudFormationResponseUrl.StartAsync();
        var team = world["prod-eu"].Store.Get("secrets", "team", RefreshWorld.SecretName).ToJsonString();

        var created = await host.InvokeAsync(CustomResourceRequests.Build("Create", responseUrl.Url, fleet: ForeignFleet(foreign.Endpoint)));

        Assert.False(created.IsError, created.Body);
        Assert.Equal(0, foreign.Connections);
        world.AssertSecret("prod-eu", "apps");
        Assert.Equal(team, world["prod-eu"].Store.Get("secrets", "team", RefreshWorld.SecretName).ToJsonString());

        var deleted = await host.InvokeAsync(CustomResourceRequests.Build("Delete", responseUrl.Url, fleet: ForeignFleet(foreign.Endpoint), physicalResourceId: "Lifecycle-Lifecycle"));

        Assert.False(deleted.IsError, deleted.Body);
        Assert.Equal(0, foreign.Connections);
        Assert.Equal(0, world.SecretCount("prod-eu", "apps"));

        // The team's Secret stayed exactly as it was (data, labels, resourceVersion), through the refresh and the cleanup.
        Assert.Equal(team, world["prod-eu"].Store.Get("secrets", "team", RefreshWorld.SecretName).ToJsonString());
        Assert.Equal(0, world.Aws.ReservedConcurrency(FunctionName, "eu-west-1"));
    }

    [Fact]
    public async Task A_forged_CleanRemoved_with_no_deploy_under_way_cleans_nothing_and_reaches_no_cluster()
    {
        var (world, host) = await StartAsync();
        await using var _ = world;
        await using var __ = host;
        await using var foreign = FakeHungServer.Start();
        await using var responseUrl = await FakeCloudFormationResponseUrl.StartAsync();
        await host.InvokeAsync("{}"); // partial: the team's Secret is a conflict
        var deployed = File.ReadAllText(world.ConfigPath);
        world.Aws.PutParameter(Parameter, "eu-west-1", DeployedFleet.Digest(deployed));
        var before = world.Servers.Sum(server => server.Requests.Count);

        var outcome = await host.InvokeAsync(CustomResourceRequests.Build(
            "Update", responseUrl.Url, action: "CleanRemoved", fleet: deployed, oldFleet: ForeignFleet(foreign.Endpoint), physicalResourceId: "CleanRemoved-CleanRemoved"));

        Assert.False(outcome.IsError, outcome.Body);
        Assert.StartsWith("nothing was cleaned: the request's previous fleet is not the one deployed", outcome.Json.GetProperty("Reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, foreign.Connections);
        Assert.Equal(before, world.Servers.Sum(server => server.Requests.Count));
        world.AssertSecret("prod-eu", "apps");
    }
}
