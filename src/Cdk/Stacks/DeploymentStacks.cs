using Amazon.CDK.AWS.Lambda;
using Amazon.CDK;
using EcrPublicLambda.Cdk.Access;
using EcrPublicLambda.Cdk.Settings;
using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Cdk.Stacks;

/// <summary>
/// The stacks of one deployment: the main stack, plus one small <see cref="AccessEntriesStack"/> per other region that
/// holds same-account clusters (all of them when the main stack's region is not known at synth), and the
/// <see cref="LifecycleStack"/> after all of them.
/// </summary>
internal sealed record DeploymentStacks(EcrPublicLambdaStack Main, IReadOnlyList<AccessEntriesStack> Regional, LifecycleStack Lifecycle)
{
    internal static DeploymentStacks Declare(App app, DeploymentSettings settings, Code code)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(settings);
        var main = new EcrPublicLambdaStack(app, settings.StackName, new EcrPublicLambdaStackProps(settings, code));
        var regional = settings.Fleet.Clusters
            .Where(c => c.Kind == ClusterKind.Eks && c.RoleArn is null && !main.LocalClusters.Contains(c))
            .GroupBy(c => c.Region, StringComparer.Ordinal)
            .Select(group =>
            {
                var stack = new AccessEntriesStack(
                    app, RegionalStackName(settings.StackName, group.Key), group.Key, settings.Account, [.. group], main.RoleName, settings.AccessMode, settings.Leases);
                // The access entry names the role, so the role must exist first.
                stack.AddDependency(main);
                return stack;
            })
            .ToList();

        // The code's asset key changes with the code and with clusters.json: either change is an Update, so a refresh.
        var codeHash = code.Bind(main.Function).S3Location?.ObjectKey ?? "inline";
        var lifecycle = new LifecycleStack(app, LifecycleStack.NameFor(settings.StackName), settings, main, codeHash);
        lifecycle.AddDependency(main);
        foreach (var stack in regional)
        {
            lifecycle.AddDependency(stack);
        }

        return new DeploymentStacks(main, regional, lifecycle);
    }

    internal static string RegionalStackName(string stackName, string region) => $"{stackName}-Access-{region}";
}
