using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.Assertions;
using EcrPublicLambda.Cdk.Settings;
using EcrPublicLambda.Cdk.Stacks;

namespace EcrPublicLambda.Cdk.Tests;

/// <summary>One synthesized deployment shared by a test class (jsii start-up is slow). The code is any folder: no publish.</summary>
public abstract class SynthesizedDeployment : IDisposable
{
    private readonly string assetDirectory = Directory.CreateTempSubdirectory("cdk-tests-asset-").FullName;

    private protected SynthesizedDeployment(DeploymentSettings settings)
    {
        File.WriteAllText(Path.Combine(assetDirectory, "bootstrap"), "#!/bin/sh\n");
        Settings = settings;
        Stacks = DeploymentStacks.Declare(new Amazon.CDK.App(), settings, Code.FromAsset(assetDirectory));
        Main = Template.FromStack(Stacks.Main);
        Lifecycle = Template.FromStack(Stacks.Lifecycle);
        Regional = Stacks.Regional.ToDictionary(stack => stack.Region, stack => Template.FromStack(stack));
    }

    internal DeploymentSettings Settings { get; }

    /// <summary>The asset folder, for tests that declare a variant deployment of their own (one Code per stack).</summary>
    internal string AssetDirectory => assetDirectory;

    internal DeploymentStacks Stacks { get; }

    /// <summary>The main stack of a variant deployment (its own app, the same asset folder).</summary>
    internal Template MainWith(DeploymentSettings settings) =>
        Template.FromStack(DeploymentStacks.Declare(new Amazon.CDK.App(), settings, Code.FromAsset(assetDirectory)).Main);

    /// <summary>The main and Lifecycle stacks of a variant deployment (its own app, the same asset folder).</summary>
    internal (Template Main, Template Lifecycle) With(DeploymentSettings settings)
    {
        var stacks = DeploymentStacks.Declare(new Amazon.CDK.App(), settings, Code.FromAsset(assetDirectory));
        return (Template.FromStack(stacks.Main), Template.FromStack(stacks.Lifecycle));
    }

    internal Template Main { get; }

    /// <summary>The Lifecycle stack: the refresh-on-deploy and teardown custom resource, and the schedule.</summary>
    internal Template Lifecycle { get; }

    /// <summary>The access-entry stacks by region.</summary>
    internal IReadOnlyDictionary<string, Template> Regional { get; }

    public void Dispose()
    {
        Directory.Delete(assetDirectory, recursive: true);
        GC.SuppressFinalize(this);
    }
}
