using EcrPublicLambda.Cdk.Access;
using EcrPublicLambda.Cdk.Bundling;
using EcrPublicLambda.Cdk.Settings;
using EcrPublicLambda.Cdk.Stacks;
using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Cdk;

/// <summary>The CDK app (cdk.json runs it): reads and validates the context, builds the asset, declares the stacks.</summary>
internal static class Program
{
    internal static int Main()
    {
        var app = new Amazon.CDK.App();
        try
        {
            var settings = DeploymentSettings.FromContext(app.Node.TryGetContext, AppEnvironment.FromProcess(), TimeProvider.System);
            var code = BootstrapAsset.ForRepositoryContaining(Directory.GetCurrentDirectory(), Console.Error, LocalToolchain.Current)
                .Code(settings.Fleet, settings.Architecture);
            DeploymentStacks.Declare(app, settings, code);
            var assembly = app.Synth();
            // Rbac mode or runs with Leases: every cluster's RBAC. A kubernetes cluster (no access entry) gets its
            // onboarding manifest in either mode.
            foreach (var cluster in settings.Fleet.Clusters.Where(c => settings.AccessMode == AccessMode.Rbac || settings.Leases || c.Kind == ClusterKind.Kubernetes))
            {
                File.WriteAllText(
                    Path.Combine(assembly.Directory, RbacManifest.FileName(cluster)),
                    RbacManifest.Render(cluster, settings.Fleet.SecretName, settings.AccessMode, settings.Leases, settings.OnboardingNamespace));
            }

            return 0;
        }
        catch (FleetValidationException e)
        {
            Console.Error.WriteLine($"Invalid context: {e.Errors.Count} error(s)");
            foreach (var error in e.Errors)
            {
                Console.Error.WriteLine($"  {error}");
            }

            return ExitCodes.BadInput;
        }
        catch (AssetBuildException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }
}
