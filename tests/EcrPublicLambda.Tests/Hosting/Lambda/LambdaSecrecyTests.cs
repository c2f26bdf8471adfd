using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcrPublicLambda.Configuration;
using EcrPublicLambda.Fakes;
using EcrPublicLambda.Kubernetes;
using EcrPublicLambda.Tests.Refresh;

namespace EcrPublicLambda.Tests.Hosting.Lambda;

/// <summary>
/// The Lambda host as production composes it, at DEBUG, over a fleet with every kind of registry
/// (<see cref="WorldRegistries"/>): no credential reaches an invocation result, a CloudFormation answer (Create, the
/// Update that cleans removed namespaces, Delete) or a log line, on success and when a registry fails.
/// </summary>
[Collection(LambdaHostCollection.Name)]
public sealed class LambdaSecrecyTests
{
    private const string Parameter = "/EcrPublicLambda/Prod/deployed-fleet-sha256";
    private const string FunctionName = "ecr-public-refresh";

    [Fact]
    public async Task Invocation_results_CloudFormation_answers_and_DEBUG_logs_carry_no_registry_credential_on_success_or_failure()
    {
        await using var world = await RefreshWorld.StartAsync(new WorldCluster("prod-eu", "eu-west-1", "apps", "team"));
        var fleet = JsonNode.Parse(File.ReadAllText(world.ConfigPath))!;
        WorldRegistries.Apply(world.Aws, fleet);
        world.WriteFleet(fleet.ToJsonString());
        var deployed = File.ReadAllText(world.ConfigPath);
        fleet["clusters"]![0]!["namespaces"]!.AsArray().Add("gone");
        var previous = fleet.ToJsonString();
        world.Aws.AddFunction(FunctionName, "eu-west-1", 1);
        var variables = LambdaHarness.Variables(world, Parameter);
        variables["AWS_LAMBDA_LOG_LEVEL"] = "DEBUG";
        await using var host = await LambdaHarness.StartComposedAsync(variables, world.Time.Clock);
        await using var responseUrl = await FakeCloudFormationResponseUrl.StartAsync();
        var results = new List<string>();

        // Success: a scheduled run, the deploy's Create, and the Update that cleans what the previous fleet listed.
        var scheduled = await host.InvokeAsync("{}");
        Assert.False(scheduled.IsError, scheduled.Body);
        Assert.Equal("succeeded", scheduled.Json.GetProperty("status").GetString());
        results.Add(scheduled.Body);
        results.Add((await host.InvokeAsync(CustomResourceRequests.Build("Create", responseUrl.Url, fleet: deployed))).Body);
        world.Aws.PutParameter(Parameter, "eu-west-1", DeployedFleet.Digest(deployed));
        results.Add((await host.InvokeAsync(CustomResourceRequests.Build(
            "Update", responseUrl.Url, action: "CleanRemoved", fleet: deployed, oldFleet: previous, physicalResourceId: "CleanRemoved-CleanRemoved"))).Body);
        var docker = (string)world["prod-eu"].Store.Get("secrets", "apps", RefreshWorld.SecretName)["data"]![KubernetesCluster.DockerConfigKey]!;

        // Failure: a malformed SecretString that holds the password, then a secret the function may not read.
        var escaped = JsonEncodedText.Encode(WorldRegistries.DockerHubPassword, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString();
        world.Aws.AddSecret(WorldRegistries.DockerHubArn, $$"""{"username": "octo-cat", "pass": "{{escaped}}"}""");
        var malformed = await host.InvokeAsync("{}");
        Assert.Equal("RefreshIncomplete", malformed.ErrorType);
        Assert.Contains("prod-eu (eu-west-1) apps: secret updated: written without fresh credentials for registry \"docker-hub\"", malformed.ErrorMessage, StringComparison.Ordinal);
        results.Add(malformed.Body);
        world.Aws.AddSecret(WorldRegistries.DockerHubArn, WorldRegistries.Login(WorldRegistries.RotatedPassword), readerRoleArn: "arn:aws:iam::111122223333:role/someone-else");
        results.Add((await host.InvokeAsync("{}")).Body);
        results.Add((await host.InvokeAsync(CustomResourceRequests.Build("Update", responseUrl.Url, fleet: deployed, oldFleet: deployed, physicalResourceId: "Lifecycle-Lifecycle"))).Body);

        // The teardown: Delete cleans every namespace and answers.
        results.Add((await host.InvokeAsync(CustomResourceRequests.Build("Delete", responseUrl.Url, fleet: deployed, physicalResourceId: "Lifecycle-Lifecycle"))).Body);

        var answers = responseUrl.Requests.ToList();
        Assert.Equal(4, answers.Count);
        Assert.All(answers, answer => Assert.Equal("SUCCESS", answer.Json.GetProperty("Status").GetString()));
        Assert.StartsWith("refresh after deploy partial: 1 cluster(s); failed clusters: prod-eu (eu-west-1)", answers[2].Json.GetProperty("Reason").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("cleanup of every registered namespace before the teardown: succeeded", answers[3].Json.GetProperty("Reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, world.SecretCount("prod-eu", "apps"));
        Assert.Contains(host.Out.Logs, line => line.GetProperty("level").GetString() == "DEBUG");

        var assumed = world.Aws.IssuedCredentials[WorldRegistries.PullerRole];
        var secrets = WorldRegistries.SensitiveValues(world.Aws, WorldRegistries.DockerHubPassword, WorldRegistries.RotatedPassword);
        secrets.AddRange([escaped, docker, FakeAwsServer.SecretAccessKey, assumed.SecretAccessKey, assumed.SessionToken!, "k8s-aws-v1."]);
        for (var i = 0; i < results.Count; i++)
        {
            WorldRegistries.AssertNoneIn(results[i], secrets, $"invocation result #{i}");
        }

        for (var i = 0; i < answers.Count; i++)
        {
            WorldRegistries.AssertNoneIn(answers[i].Body, secrets, $"CloudFormation answer #{i}");
        }

        WorldRegistries.AssertNoneIn(host.Out.Text, secrets, "the logs");
    }
}
