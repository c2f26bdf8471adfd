using EcrPublicLambda.Cdk.Settings;
using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Cdk.Tests;

public sealed class AssemblyReferenceTests
{
    [Fact]
    public void The_CDK_app_references_the_fleet_library_and_not_the_function()
    {
        var references = typeof(DeploymentSettings).Assembly.GetReferencedAssemblies().Select(name => name.Name).ToList();

        Assert.Contains(typeof(FleetParser).Assembly.GetName().Name, references);
        Assert.DoesNotContain("bootstrap", references);
        Assert.DoesNotContain(references, name => name!.StartsWith("KubernetesClient", StringComparison.Ordinal) || name.StartsWith("AWSSDK", StringComparison.Ordinal));
    }
}
