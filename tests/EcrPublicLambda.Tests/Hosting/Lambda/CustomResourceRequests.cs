using System.Text.Json.Nodes;

namespace EcrPublicLambda.Tests.Hosting.Lambda;

/// <summary>
/// CloudFormation custom-resource requests as CloudFormation sends them to a Lambda function, the fleet under
/// <c>Fleet</c> as this version's CDK writes it (<c>Registry</c> before).
/// </summary>
internal static class CustomResourceRequests
{
    internal const string StackId = "arn:aws:cloudformation:eu-west-1:123456789012:stack/EcrPublicLambda-Lifecycle/0a1b2c3d-4e5f-11ef-9a0b-0a1b2c3d4e5f";
    internal const string FunctionArn = "arn:aws:lambda:eu-west-1:123456789012:function:EcrPublicLambda-Function";

    /// <summary>prod-eu (default, monitoring; service account default) and staging-us (default).</summary>
    internal const string TwoClusters = """{"secretName":"ecr-public-token","adoptExisting":false,"clusters":[{"name":"prod-eu","region":"eu-west-1","namespaces":["default","monitoring"],"serviceAccounts":["default"]},{"name":"staging-us","region":"us-east-1","namespaces":["default"]}]}""";

    /// <summary>As <see cref="TwoClusters"/> without prod-eu's monitoring namespace.</summary>
    internal const string MonitoringRemoved = """{"secretName":"ecr-public-token","adoptExisting":false,"clusters":[{"name":"prod-eu","region":"eu-west-1","namespaces":["default"],"serviceAccounts":["default"]},{"name":"staging-us","region":"us-east-1","namespaces":["default"]}]}""";

    internal static string Build(
        string requestType,
        string responseUrl,
        string action = "Lifecycle",
        string fleet = TwoClusters,
        string? oldFleet = null,
        string? physicalResourceId = null,
        Action<JsonObject>? change = null,
        string fleetProperty = "Fleet",
        string? oldFleetProperty = null)
    {
        var properties = new JsonObject { ["ServiceToken"] = FunctionArn, ["ServiceTimeout"] = "900", ["Action"] = action, [fleetProperty] = fleet };
        if (action == "Lifecycle")
        {
            properties["AssetHash"] = "3f0c8d2b7a1e4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5.zip";
        }

        var request = new JsonObject
        {
            ["RequestType"] = requestType,
            ["ServiceToken"] = FunctionArn,
            ["ResponseURL"] = responseUrl,
            ["StackId"] = StackId,
            ["RequestId"] = "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a",
            ["LogicalResourceId"] = action,
            ["ResourceType"] = action == "Lifecycle" ? "Custom::EcrPublicLambdaLifecycle" : "Custom::EcrPublicLambdaCleanRemoved",
            ["ResourceProperties"] = properties,
        };
        if (physicalResourceId is not null)
        {
            request["PhysicalResourceId"] = physicalResourceId;
        }

        if (oldFleet is not null)
        {
            var old = properties.DeepClone().AsObject();
            old.Remove(fleetProperty);
            old[oldFleetProperty ?? fleetProperty] = oldFleet;
            request["OldResourceProperties"] = old;
        }

        change?.Invoke(request);
        return request.ToJsonString();
    }
}
