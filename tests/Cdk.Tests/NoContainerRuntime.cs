using System.Runtime.CompilerServices;

namespace EcrPublicLambda.Cdk.Tests;

/// <summary>
/// CDK runs its bundling containers with the program <c>CDK_DOCKER</c> names (else <c>docker</c>). The jsii runtime,
/// where CDK runs, inherits this process's environment when it starts, so this is set as the assembly loads, before
/// any CDK call: a test that reaches the container fallback then fails fast on this missing program instead of
/// pulling an image over the network where a Docker daemon happens to run.
/// </summary>
internal static class NoContainerRuntime
{
    internal const string Program = "ecr-public-lambda-tests-no-container-runtime";

#pragma warning disable CA2255 // A test assembly's process-wide setting, needed before the first jsii call.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Install() => Environment.SetEnvironmentVariable("CDK_DOCKER", Program);
}
