using Amazon.CDK.AWS.Lambda;
using Amazon.CDK;
using EcrPublicLambda.Cdk.Settings;

namespace EcrPublicLambda.Cdk.Stacks;

/// <summary>What <see cref="EcrPublicLambdaStack"/> declares from: the validated settings and the function's code.</summary>
internal sealed class EcrPublicLambdaStackProps(DeploymentSettings settings, Code code) : StackProps
{
    internal DeploymentSettings Settings { get; } = settings;

    /// <summary>The asset with <c>bootstrap</c> and <c>clusters.json</c>; tests pass any folder, so they need no publish.</summary>
    internal Code Code { get; } = code;
}
