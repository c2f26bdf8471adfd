using System.Text.Json.Nodes;
using EcrPublicLambda.Fakes;

namespace EcrPublicLambda.Tests.EndToEnd;

/// <summary>
/// A CloudFormation custom-resource request to the published Native AOT bootstrap under @vercel/fun: it refreshes
/// against the fakes and answers CloudFormation by PUT to a presigned URL on loopback, which it never prints. The fleet
/// has every kind of registry, and no answer carries a credential of any.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CustomResourceEndToEndTests(PublishedBootstrap bootstrap)
{
    [Fact]
    public async Task Create_refreshes_and_Delete_cleans_each_answered_SUCCESS_by_the_published_binary_with_no_credential_in_an_answer()
    {
        await using var function = await FunctionUnderTest.StartWithRegistriesAsync(bootstrap);
        await using var responseUrl = await FakeCloudFormationResponseUrl.StartAsync();
        var request = new JsonObject
        {
            ["RequestType"] = "Create",
            ["ServiceToken"] = "arn:aws:lambda:eu-west-1:123456789012:function:EcrPublicLambda-Function",
            ["ResponseURL"] = responseUrl.Url,
            ["StackId"] = "arn:aws:cloudformation:eu-west-1:123456789012:stack/EcrPublicLambda-Lifecycle/0a1b2c3d",
            ["RequestId"] = "e2e-request-1",
            ["LogicalResourceId"] = "Lifecycle",
            ["ResourceType"] = "Custom::EcrPublicLambdaLifecycle",
            ["ResourceProperties"] = new JsonObject
            {
                ["ServiceToken"] = "arn:aws:lambda:eu-west-1:123456789012:function:EcrPublicLambda-Function",
                ["Action"] = "Lifecycle",
                ["Registry"] = await File.ReadAllTextAsync(Path.Combine(function.TaskDirectory, "clusters.json")),
                ["AssetHash"] = "0123abcd.zip",
            },
        };

        var delete = request.DeepClone().AsObject();
        delete["RequestType"] = "Delete";
        delete["RequestId"] = "e2e-request-2";
        delete["PhysicalResourceId"] = "Lifecycle-Lifecycle";

        // Create (the first deploy), then Delete (the teardown), in one process.
        var run = await function.InvokeAsync(request.ToJsonString(), delete.ToJsonString());
        var put = await responseUrl.Accepted.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal((200, (string?)null), (run.Results[0].StatusCode, run.Results[0].FunctionError));
        Assert.True(string.IsNullOrEmpty(put.ContentType));
        Assert.Equal("SUCCESS", put.Json.GetProperty("Status").GetString());
        Assert.Equal("refresh after deploy succeeded: 3 cluster(s)", put.Json.GetProperty("Reason").GetString());
        Assert.Equal("Lifecycle-Lifecycle", put.Json.GetProperty("PhysicalResourceId").GetString());
        Assert.Equal("none", put.Json.GetProperty("Data").GetProperty("FailedClusters").GetString());
        Assert.Equal(put.Body, run.Results[0].Payload);
        // The deploy's refresh fetched every registry's credentials (so they were there to leak): Docker Hub's, and ECR's
        // in eu-west-1 and, through the puller role, us-west-2; the teardown's cleanup fetched none.
        Assert.Equal(1, function.Aws.Count(FakeAwsOperation.GetSecretValue));
        Assert.Equal(2, function.Aws.Count(FakeAwsOperation.GetEcrAuthorizationToken));
        // The deploy's refresh wrote (its report, logged as any run's).
        var refresh = Assert.Single(run.Logs(406), line => line.GetProperty("operation").GetString() == "refresh");
        Assert.Equal(("succeeded", 3), (refresh.GetProperty("status").GetString(), refresh.GetProperty("clusterCount").GetInt32()));
        Assert.Single(run.Logs(406), line => line.GetProperty("operation").GetString() == "cleanup"); // and the teardown's cleanup summary

        // The teardown cleaned what the deploy wrote, through the real cleanup engine, and said nothing stayed.
        var answers = responseUrl.Requests.ToList();
        Assert.Equal([200, 200], answers.Select(answer => answer.Status));
        Assert.All(answers, answer => function.AssertNothingSecretIn(answer.Body));
        var teardown = answers[1].Json;
        Assert.Equal("SUCCESS", teardown.GetProperty("Status").GetString());
        Assert.Equal("e2e-request-2", teardown.GetProperty("RequestId").GetString());
        Assert.Equal("Lifecycle-Lifecycle", teardown.GetProperty("PhysicalResourceId").GetString());
        // Then the teardown fence (reserved concurrency 0), against the fake Lambda, whatever the emulator names the function.
        Assert.StartsWith("cleanup of every registered namespace before the teardown: succeeded; nothing stayed. The function's reserved concurrency ", teardown.GetProperty("Reason").GetString(), StringComparison.Ordinal);
        Assert.Equal((200, (string?)null), (run.Results[1].StatusCode, run.Results[1].FunctionError));
        Assert.Null(FunctionUnderTest.StoredSecret(function.AlphaServer, "default"));
        Assert.Null(FunctionUnderTest.StoredSecret(function.GammaServer, "default"));
        Assert.Equal(["registry-mirror"], function.AlphaServer.PullSecretsOf("default", "default"));
        Assert.Equal(2, run.Logs(423).Count);
        Assert.DoesNotContain(FakeCloudFormationResponseUrl.Signature, run.AllOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Amz-Credential", run.AllOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(new Uri(responseUrl.Url).Authority, run.AllOutput, StringComparison.Ordinal);
    }
}
