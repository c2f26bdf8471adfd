using Amazon.CDK.AWS.EKS;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK;
using EcrPublicLambda.Cdk.Common;
using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Cdk.Lifecycle;

/// <summary>
/// The main stack's custom resource (<c>Action</c> <c>CleanRemoved</c>): on every Update of the fleet the function
/// cleans what the old fleet had and the new one lacks, through the access it still has. Every per-cluster grant
/// (<see cref="ClusterGrants"/>) and every access entry of the stack depends on it, so CloudFormation updates this
/// resource before any of them narrows (an access entry's namespace scope, a changed role) and deletes removed ones
/// only in the cleanup phase, after all updates. Access entries in other regions are in stacks deployed after this one.
/// The fleet goes in the property <c>Fleet</c> (compact text); the stack's SSM parameter
/// (<see cref="DeployedFleet.ParameterName"/>) holds its SHA-256 and depends on this resource, so during an update it
/// still holds the previous fleet's digest: the function cleans with an event's old fleet only when it matches.
/// </summary>
internal static class FleetChangeCleanup
{
    internal const string ResourceType = "Custom::EcrPublicLambdaCleanRemoved";

    /// <summary>
    /// CloudFormation's wait for an answer (its default is an hour): the function's 5 minutes, plus a scheduled run
    /// it may be throttled behind (reserved concurrency 1) and Lambda's backoff before it tries the request again.
    /// </summary>
    internal const int ServiceTimeoutSeconds = 1800;

    /// <summary>The custom resources' property that carries the fleet (earlier versions: <c>Registry</c>; the function reads both).</summary>
    internal const string FleetProperty = "Fleet";

    internal static CustomResource Declare(Stack stack, IFunction function, Fleet fleet, IReadOnlyList<Policy> grants)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(grants);
        var document = FleetDocument.Write(fleet, indented: false);
        var resource = Declare(stack, "CleanRemoved", ResourceType, function.FunctionArn, new Dictionary<string, object>
        {
            ["Action"] = "CleanRemoved",
            [FleetProperty] = document,
        });

        // Written after CleanRemoved has run: during an update it still names the fleet deployed before.
        var parameter = new Amazon.CDK.AWS.SSM.CfnParameter(stack, "DeployedFleet", new Amazon.CDK.AWS.SSM.CfnParameterProps
        {
            Name = DeployedFleet.ParameterName(stack.StackName),
            Type = "String",
            Value = DeployedFleet.Digest(document),
            Description = "SHA-256 of the fleet this stack deployed: the function trusts an event's previous fleet only when it matches",
        });
        parameter.AddDependency((CfnResource)resource.Node.DefaultChild!);
        foreach (var grant in grants)
        {
            grant.Node.AddDependency(resource);
        }

        foreach (var entry in stack.Node.FindAll().OfType<CfnAccessEntry>())
        {
            entry.Node.AddDependency(resource);
        }

        return resource;
    }

    /// <summary>A custom resource served by the function, with <see cref="ServiceTimeoutSeconds"/> (not yet a prop in this CDK version).</summary>
    internal static CustomResource Declare(Stack scope, string id, string resourceType, string serviceToken, Dictionary<string, object> properties)
    {
        var resource = new CustomResource(scope, id, new CustomResourceProps
        {
            ServiceToken = serviceToken,
            ResourceType = resourceType,
            Properties = properties,
        });
        ((CfnResource)resource.Node.DefaultChild!).AddPropertyOverride("ServiceTimeout", ServiceTimeoutSeconds);
        return resource;
    }
}
