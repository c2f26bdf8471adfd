using System.Text;
using EcrPublicLambda.Hosting.Lambda;

namespace EcrPublicLambda.Tests.Hosting.Lambda;

public sealed class InvocationRouterTests
{
    private static async Task<string> RouteAsync(string payload)
    {
        var taken = new List<string>();
        InvocationHandler Named(string kind) => (_, _, _) =>
        {
            taken.Add(kind);
            return Task.FromResult(InvocationResult.Succeeded([]));
        };

        var router = new InvocationRouter(Named("custom resource"), Named("scheduled"), Named("status"), Named("direct"));
        await router.HandleAsync(new Invocation("id", null, null, null, Encoding.UTF8.GetBytes(payload)), DateTimeOffset.UnixEpoch, CancellationToken.None);
        return Assert.Single(taken);
    }

    [Theory]
    [InlineData("""{"detail-type":"Scheduled Event","source":"aws.events","detail":{}}""")]
    [InlineData("""{"detail-type":"Scheduled Event","source":"aws.scheduler","detail":"{}"}""")]
    [InlineData("""{"detail-type":"Scheduled Event","source":"aws.events","detail":{},"cleanup":true}""")]
    public async Task A_scheduled_event_goes_to_the_scheduled_handler_even_with_a_field_it_will_refuse(string payload)
    {
        Assert.Equal("scheduled", await RouteAsync(payload));
    }

    [Fact]
    public async Task A_CloudFormation_request_goes_to_the_custom_resource_handler()
    {
        Assert.Equal("custom resource", await RouteAsync(CustomResourceRequests.Build("Create", "https://cloudformation-custom-resource-response-euwest1.s3.eu-west-1.amazonaws.com/x")));
    }

    [Theory]
    [InlineData("""{"status":true}""")]
    [InlineData("""{"status":true,"clusters":["prod-eu"]}""")]
    [InlineData("""{"clusters":["prod-eu"],"status":true,"dryRun":true}""")]
    public async Task A_payload_with_status_true_goes_to_the_status_handler_even_with_a_field_it_will_refuse(string payload)
    {
        Assert.Equal("status", await RouteAsync(payload));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("""{"status":false}""")]
    [InlineData("""{"status":"true"}""")]
    [InlineData("""{"clusters":["prod-eu"],"dryRun":true}""")]
    [InlineData("""{"cleanup":true}""")]
    [InlineData("""{"detail-type":"Scheduled Event","source":"aws.other"}""")]
    [InlineData("""{"clusters":["prod-eu"]""")]
    [InlineData("[]")]
    public async Task Anything_else_is_a_direct_invoke(string payload)
    {
        Assert.Equal("direct", await RouteAsync(payload));
    }
}
