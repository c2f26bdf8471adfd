using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;

namespace EcrPublicLambda.Cdk;

/// <summary>
/// The stacks of one deployment: the main stack, plus one small <see cref="AccessEntriesStack"/> per other region that
/// holds same-account clusters (all of them when the main stack's region is not known at synth).
/// </summary>
internal sealed record DeploymentStacks(EcrPublicLambdaStack Main, IReadOnlyList<AccessEntriesStack> Regional)
{
    internal static DeploymentStacks Declare(App app, DeploymentSettings settings, Code code)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(settings);
        var main = new EcrPublicLambdaStack(app, settings.StackName, new EcrPublicLambdaStackProps(settings, code));
        var regional = settings.Registry.Clusters
            .Where(c => c.RoleArn is null && !main.LocalClusters.Contains(c))
            .GroupBy(c => c.Region, StringComparer.Ordinal)
            .Select(group =>
            {
                var stack = new AccessEntriesStack(
                    app, RegionalStackName(settings.StackName, group.Key), group.Key, settings.Account, [.. group], main.RoleName, settings.AccessMode);
                // The access entry names the role, so the role must exist first.
                stack.AddDependency(main);
                return stack;
            })
            .ToList();
        return new DeploymentStacks(main, regional);
    }

    internal static string RegionalStackName(string stackName, string region) => $"{stackName}-Access-{region}";
}
