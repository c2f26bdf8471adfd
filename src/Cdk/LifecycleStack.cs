using Amazon.CDK;
using Constructs;

namespace EcrPublicLambda.Cdk;

/// <summary>
/// The deployment's last stack, in the main stack's account and region, after the main stack and every access-entry
/// stack: one custom resource (<c>Action</c> <c>Lifecycle</c>) on which the function refreshes every cluster when it
/// is created and whenever the fleet or the function's code changes (so a new namespace has its Secret when
/// <c>cdk deploy</c> returns), and cleans every registered namespace when it is deleted, first of all stacks at
/// <c>cdk destroy</c>, while every access entry still exists.
/// </summary>
internal sealed class LifecycleStack : Stack
{
    internal const string ResourceType = "Custom::EcrPublicLambdaLifecycle";

    internal LifecycleStack(Construct scope, string id, DeploymentSettings settings, EcrPublicLambdaStack main, string codeHash)
        : base(scope, id, new StackProps
        {
            Env = new Amazon.CDK.Environment { Account = settings?.Account, Region = settings?.Region },
            Description = "EcrPublicLambda: refreshes every cluster after each deploy and cleans every namespace before a teardown",
        })
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(main);
        Resource = FleetChangeCleanup.Declare(this, "Lifecycle", ResourceType, main.Function.FunctionArn, new Dictionary<string, object>
        {
            ["Action"] = "Lifecycle",
            [FleetChangeCleanup.FleetProperty] = FleetDocument.Write(settings.Fleet, indented: false),
            ["AssetHash"] = codeHash,
        });

        // cdk deploy prints them at its end: the outcome of the refresh it just made.
        _ = new CfnOutput(this, "RefreshStatus", new CfnOutputProps
        {
            Description = "The refresh after this deploy: succeeded, partial, failed, or error when it could not run (a failed cluster never fails the deploy)",
            Value = Resource.GetAttString("Status"),
        });
        _ = new CfnOutput(this, "FailedClusters", new CfnOutputProps
        {
            Description = "Clusters the refresh after this deploy could not complete (the schedule tries again; the function's log has the report)",
            Value = Resource.GetAttString("FailedClusters"),
        });
    }

    internal CustomResource Resource { get; }

    internal static string NameFor(string mainStackName) => $"{mainStackName}-Lifecycle";
}
