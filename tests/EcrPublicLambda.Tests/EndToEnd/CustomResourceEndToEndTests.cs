using System.Text.Json.Nodes;
using EcrPublicLambda.Fakes;

namespace EcrPublicLambda.Tests.EndToEnd;

/// <summary>
/// A CloudFormation custom-resource request to the published Native AOT bootstrap under @vercel/fun: it refreshes
/// against the fakes and answers CloudFormation by PUT to a presigned URL on loopback, which it never prints.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CustomResourceEndToEndTests(PublishedBootstrap bootstrap)
{
    [Fact]
    public async Task A_Create_request_refreshes_and_is_answered_SUCCESS_by_the_published_binary()
    {
        await using var function = await FunctionUnderTest.StartAsync(bootstrap);
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

        var run = await function.InvokeAsync(request.ToJsonString());
        var put = await responseUrl.Accepted.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal((200, (string?)null), (run.Results[0].StatusCode, run.Results[0].FunctionError));
        Assert.True(string.IsNullOrEmpty(put.ContentType));
        Assert.Equal("SUCCESS", put.Json.GetProperty("Status").GetString());
        Assert.Equal("refresh after deploy succeeded: 3 cluster(s)", put.Json.GetProperty("Reason").GetString());
        Assert.Equal("Lifecycle-Lifecycle", put.Json.GetProperty("PhysicalResourceId").GetString());
        Assert.Equal("none", put.Json.GetProperty("Data").GetProperty("FailedClusters").GetString());
        Assert.Equal(put.Body, run.Results[0].Payload);
        FunctionUnderTest.AssertSecretWritten(function.AlphaServer, "default");
        FunctionUnderTest.AssertSecretWritten(function.GammaServer, "default");
        Assert.Single(run.Logs(413));
        Assert.DoesNotContain(FakeCloudFormationResponseUrl.Signature, run.AllOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Amz-Credential", run.AllOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(new Uri(responseUrl.Url).Authority, run.AllOutput, StringComparison.Ordinal);
    }
}
