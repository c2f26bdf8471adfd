using Amazon.CDK.Assertions;
using EcrPublicLambda.Cdk.Lifecycle;
using EcrPublicLambda.Cdk.Stacks;
using static EcrPublicLambda.Cdk.Tests.TemplateJson;

namespace EcrPublicLambda.Cdk.Tests;

/// <summary>An env-agnostic deployment: every same-account access entry is in a regional stack, all before the Lifecycle stack.</summary>
public sealed class RbacLifecycleTests(RbacDeployment deployment) : IClassFixture<RbacDeployment>
{
    [Fact]
    public void Lifecycle_stack_depends_on_the_main_and_every_regional_stack()
    {
        var stacks = deployment.Stacks;
        Assert.Equal("Refresher-Lifecycle", stacks.Lifecycle.StackName);
        Assert.Equal(2, stacks.Regional.Count);
        Assert.Equal(
            new[] { "Refresher", "Refresher-Access-eu-west-1", "Refresher-Access-us-east-1" },
            stacks.Lifecycle.Dependencies.Select(stack => stack.StackName).Order(StringComparer.Ordinal));
        Template.FromStack(stacks.Lifecycle).HasResourceProperties(LifecycleStack.ResourceType, Obj(
            ("Action", "Lifecycle"),
            ("ServiceToken", Obj(("Fn::ImportValue", Match.StringLikeRegexp("^Refresher:ExportsOutputFnGetAttFunction.*Arn"))))));
    }

    [Fact]
    public void Main_stack_grants_wait_for_CleanRemoved_and_it_has_no_access_entry_to_order()
    {
        var main = deployment.Main;
        main.ResourceCountIs("AWS::EKS::AccessEntry", 0);
        var cleanRemoved = LogicalId(main, FleetChangeCleanup.ResourceType);
        var grants = main.FindResources("AWS::IAM::Policy").Where(pair => IsClusterGrant(main, pair.Key)).ToList();
        Assert.Equal(3, grants.Count);
        Assert.All(grants, grant => Assert.Contains(cleanRemoved, ((IEnumerable<object>)grant.Value["DependsOn"]).Cast<string>()));
    }
}
