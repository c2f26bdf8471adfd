using Amazon.CDK;
using Amazon.CDK.AWS.EKS;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Cdk;

/// <summary>
/// The main stack's custom resource (<c>Action</c> <c>CleanRemoved</c>): on every Update of the fleet the function
/// cleans what the old fleet had and the new one lacks, through the access it still has. Every per-cluster grant
/// (<see cref="ClusterGrants"/>) and every access entry of the stack depends on it, so CloudFormation updates this
/// resource before any of them narrows (an access entry's namespace scope, a changed role) and deletes removed ones
/// only in the cleanup phase, after all updates. Access entries in other regions are in stacks deployed after this one.
/// </summary>
internal static class FleetChangeCleanup
{
    internal const string ResourceType = "Custom::EcrPublicLambdaCleanRemoved";

    /// <summary>
    /// CloudFormation's wait for an answer (its default is an hour): the function's 5 minutes, plus a scheduled run
    /// it may be throttled behind (reserved concurrency 1) and Lambda's backoff before it tries the request again.
    /// </summary>
    internal const int ServiceTimeoutSeconds = 1800;

    internal static CustomResource Declare(Stack stack, IFunction function, Fleet fleet, IReadOnlyList<Policy> grants)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(grants);
        var resource = Declare(stack, "CleanRemoved", ResourceType, function.FunctionArn, new Dictionary<string, object>
        {
            ["Action"] = "CleanRemoved",
            ["Registry"] = FleetDocument.Write(fleet, indented: false),
        });
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
