using Amazon.CDK.AWS.Events.Targets;
using Amazon.CDK.AWS.Events;
using Amazon.CDK;
using Constructs;
using EcrPublicLambda.Cdk.Common;
using EcrPublicLambda.Cdk.Lifecycle;
using EcrPublicLambda.Cdk.Settings;

namespace EcrPublicLambda.Cdk.Stacks;

/// <summary>
/// The deployment's last stack, in the main stack's account and region, after the main stack and every access-entry
/// stack: one custom resource (<c>Action</c> <c>Lifecycle</c>) on which the function refreshes every cluster when it
/// is created and whenever the fleet or the function's code changes (so a new namespace has its Secret when
/// <c>cdk deploy</c> returns), and cleans every registered namespace when it is deleted, first of all stacks at
/// <c>cdk destroy</c>, while every access entry still exists. The schedule is here too, made to depend on the custom
/// resource: CloudFormation creates the rule after the first refresh and deletes it before the teardown cleanup
/// starts, so no scheduled run begins after that cleanup and writes Secrets nothing would refresh again.
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

        // The rule's Lambda permission is created beside the rule (aws-events-targets puts it in the rule's stack).
        Schedule = new Rule(this, "Schedule", new RuleProps
        {
            Schedule = Amazon.CDK.AWS.Events.Schedule.Expression(settings.Schedule.Expression),
            Description = "Refreshes every registered cluster",
            Targets = [new LambdaFunction(main.Function, new LambdaFunctionProps { Event = RuleTargetInput.FromObject(new Dictionary<string, object>()) })],
        });
        Schedule.Node.AddDependency(Resource);

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

    /// <summary>The schedule: deleted before <see cref="Resource"/> (whose Delete is the teardown cleanup).</summary>
    internal Rule Schedule { get; }

    internal static string NameFor(string mainStackName) => $"{mainStackName}-Lifecycle";
}
