using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.Assertions;
using EcrPublicLambda.Cdk.Common;
using EcrPublicLambda.Cdk.Lifecycle;
using EcrPublicLambda.Cdk.Stacks;
using static EcrPublicLambda.Cdk.Tests.TemplateJson;

namespace EcrPublicLambda.Cdk.Tests;

/// <summary>
/// Clean clusters across a deployment's life: a refresh after every deploy (the Lifecycle stack, last), a cleanup of
/// what a fleet change removes before the access goes (the main stack's CleanRemoved resource, before every
/// per-cluster grant and access entry), a cleanup of everything first at teardown.
/// </summary>
public sealed class DeploymentLifecycleTests(EditPolicyDeployment deployment) : IClassFixture<EditPolicyDeployment>
{
    private readonly Template main = deployment.Main;

    private Template Lifecycle => deployment.Lifecycle;

    private string FunctionId => LogicalId(main, "AWS::Lambda::Function");

    private string CleanRemovedId => LogicalId(main, FleetChangeCleanup.ResourceType);

    private static string CompactFleet => FleetDocument.Write(TestFleet.All, indented: false);

    [Fact]
    public void Each_cluster_has_its_own_grant_policy_and_the_default_policy_has_none()
    {
        var grants = main.FindResources("AWS::IAM::Policy").Where(pair => IsClusterGrant(main, pair.Key)).ToList();
        Assert.Equal(3, grants.Count);
        var roleId = LogicalId(main, "AWS::IAM::Role");
        object Grant(string sid, string action, object resource) => Obj(
            ("Roles", new object[] { Ref(roleId) }),
            ("PolicyDocument", Match.ObjectEquals(Obj(
                ("Version", "2012-10-17"),
                ("Statement", new object[] { Match.ObjectEquals(Obj(("Sid", sid), ("Effect", "Allow"), ("Action", action), ("Resource", resource))) })))));

        // prod-eu and prod-us are described; pinned (endpoint + CA given) needs nothing; partner is assumed.
        main.HasResourceProperties("AWS::IAM::Policy", Grant("DescribeCluster", "eks:DescribeCluster", Join("arn:", Partition, ":eks:eu-west-1:", AccountId, ":cluster/prod-eu")));
        main.HasResourceProperties("AWS::IAM::Policy", Grant("DescribeCluster", "eks:DescribeCluster", Join("arn:", Partition, ":eks:us-east-1:", AccountId, ":cluster/prod-us")));
        main.HasResourceProperties("AWS::IAM::Policy", Grant("AssumeClusterRole", "sts:AssumeRole", TestFleet.CrossAccountRole));
        var sids = main.FindResources("AWS::IAM::Policy").Values
            .SelectMany(policy => ((IEnumerable<object>)((IDictionary<string, object>)((IDictionary<string, object>)policy["Properties"])["PolicyDocument"])["Statement"]).Cast<IDictionary<string, object>>())
            .Select(statement => (string)statement["Sid"])
            .Order(StringComparer.Ordinal);
        Assert.Equal(["AssumeClusterRole", "DescribeCluster", "DescribeCluster", "EcrPublicBearerToken", "EcrPublicToken", "ReadDeployedFleet", "RecordFailedRuns", "TeardownFence", "WriteOwnLogs"], sids);
    }

    [Fact]
    public void Main_stack_has_the_CleanRemoved_resource_served_by_the_function_with_the_fleet()
    {
        main.ResourceCountIs(FleetChangeCleanup.ResourceType, 1);
        main.HasResource(FleetChangeCleanup.ResourceType, Obj(
            ("Properties", Match.ObjectEquals(Obj(
                ("ServiceToken", GetAtt(FunctionId, "Arn")),
                ("Action", "CleanRemoved"),
                ("Fleet", CompactFleet),
                ("ServiceTimeout", 1800)))),
            ("DeletionPolicy", "Delete")));
        using var fleet = System.Text.Json.JsonDocument.Parse(CompactFleet);
        Assert.Equal(["prod-eu", "pinned", "prod-us", "partner"], fleet.RootElement.GetProperty("clusters").EnumerateArray().Select(cluster => cluster.GetProperty("name").GetString()));
        Assert.DoesNotContain('\n', CompactFleet);
    }

    [Fact]
    public void CleanRemoved_comes_before_every_grant_and_access_entry_so_it_cleans_while_the_access_is_there()
    {
        var dependents = main.FindResources("AWS::IAM::Policy").Where(pair => IsClusterGrant(main, pair.Key))
            .Concat(main.FindResources("AWS::EKS::AccessEntry"))
            .ToList();
        Assert.Equal(5, dependents.Count); // prod-eu, prod-us, partner grants; prod-eu and pinned access entries
        foreach (var (id, resource) in dependents)
        {
            Assert.True(resource.TryGetValue("DependsOn", out var dependsOn), $"{id} has no DependsOn");
            Assert.Contains(CleanRemovedId, ((IEnumerable<object>)dependsOn).Cast<string>());
        }

        // Not the other way round (CloudFormation would refuse the cycle; and on Update the cleanup must come first).
        Assert.False(main.FindResources(FleetChangeCleanup.ResourceType).Single().Value.ContainsKey("DependsOn"));
        // The default policy (logs, token) does not wait for it: the function needs it to run at all.
        var defaultPolicy = main.FindResources("AWS::IAM::Policy")[DefaultPolicyId(main)];
        Assert.False(defaultPolicy.TryGetValue("DependsOn", out var policyDependsOn) && ((IEnumerable<object>)policyDependsOn).Cast<string>().Contains(CleanRemovedId));
    }

    [Fact]
    public void The_main_template_has_no_dependency_cycle_and_the_function_never_waits_for_a_grant()
    {
        Assert.Empty(TemplateGraph.Cycle(main));
        Assert.True(TemplateGraph.DependsOn(main, FunctionId, DefaultPolicyId(main))); // the graph sees DependsOn
        Assert.True(TemplateGraph.DependsOn(main, CleanRemovedId, FunctionId));
        foreach (var grant in main.FindResources("AWS::IAM::Policy").Keys.Where(id => IsClusterGrant(main, id)))
        {
            Assert.True(TemplateGraph.DependsOn(main, grant, CleanRemovedId));
            Assert.False(TemplateGraph.DependsOn(main, FunctionId, grant), $"the function waits for {grant}: CloudFormation would see a cycle");
        }
    }

    [Fact]
    public void Lifecycle_stack_refreshes_on_deploy_with_the_fleet_and_the_code_hash()
    {
        var codeKey = new Capture();
        main.HasResourceProperties("AWS::Lambda::Function", Obj(("Code", Obj(("S3Key", codeKey)))));

        var lifecycle = Lifecycle;
        lifecycle.ResourceCountIs(LifecycleStack.ResourceType, 1);
        lifecycle.HasResource(LifecycleStack.ResourceType, Obj(
            ("Properties", Match.ObjectEquals(Obj(
                ("ServiceToken", Obj(("Fn::ImportValue", Match.StringLikeRegexp("^EcrPublicLambda:ExportsOutputFnGetAttFunction.*Arn")))),
                ("Action", "Lifecycle"),
                ("Fleet", CompactFleet),
                ("AssetHash", codeKey.AsString()),
                ("ServiceTimeout", 1800)))),
            ("DeletionPolicy", "Delete")));
        // Beside it only the schedule and the rule's permission to invoke the function.
        Assert.Equal(
            ["AWS::Events::Rule", "AWS::Lambda::Permission", LifecycleStack.ResourceType],
            ((IDictionary<string, object>)lifecycle.ToJSON()["Resources"]).Values.Select(r => (string)((IDictionary<string, object>)r)["Type"]).Order(StringComparer.Ordinal));
        // cdk deploy prints how the refresh went.
        var resourceId = LogicalId(lifecycle, LifecycleStack.ResourceType);
        lifecycle.HasOutput("RefreshStatus", Obj(("Value", GetAtt(resourceId, "Status"))));
        lifecycle.HasOutput("FailedClusters", Obj(("Value", GetAtt(resourceId, "FailedClusters"))));
        Assert.Equal(["FailedClusters", "RefreshStatus"], OutputNames(lifecycle).Order(StringComparer.Ordinal));
        main.HasOutput("*", Obj(("Value", GetAtt(FunctionId, "Arn")), ("Export", Obj(("Name", Match.StringLikeRegexp("^EcrPublicLambda:ExportsOutputFnGetAttFunction.*Arn"))))));
    }

    [Fact]
    public void Lifecycle_stack_is_last_in_the_main_region_after_the_main_and_every_access_stack()
    {
        var stacks = deployment.Stacks;
        Assert.Equal("EcrPublicLambda-Lifecycle", stacks.Lifecycle.StackName);
        Assert.Equal("eu-west-1", stacks.Lifecycle.Region);
        var dependencies = stacks.Lifecycle.Dependencies.Select(stack => stack.StackName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["EcrPublicLambda", "EcrPublicLambda-Access-us-east-1"], dependencies);
        Assert.NotEmpty(stacks.Regional);

        // Nothing depends on it: cdk destroy deletes it first (its Delete cleans while every access entry exists).
        Assert.DoesNotContain(stacks.Lifecycle, stacks.Main.Dependencies);
        Assert.All(stacks.Regional, regional => Assert.DoesNotContain(stacks.Lifecycle, regional.Dependencies));
    }

    [Fact]
    public void The_schedule_depends_on_the_Lifecycle_resource_so_a_teardown_deletes_it_before_the_cleanup_starts()
    {
        var lifecycle = Lifecycle;
        var ruleId = LogicalId(lifecycle, "AWS::Events::Rule");
        var resourceId = LogicalId(lifecycle, LifecycleStack.ResourceType);
        var dependsOn = new Capture();
        lifecycle.HasResource("AWS::Events::Rule", Obj(("DependsOn", dependsOn)));
        Assert.Contains(resourceId, dependsOn.AsArray().Cast<string>());
        // CloudFormation deletes dependents first: the rule (and its permission, which names it) before the resource.
        Assert.True(TemplateGraph.DependsOn(lifecycle, ruleId, resourceId));
        Assert.True(TemplateGraph.DependsOn(lifecycle, LogicalId(lifecycle, "AWS::Lambda::Permission"), ruleId));
        Assert.False(TemplateGraph.DependsOn(lifecycle, resourceId, ruleId));
        Assert.Empty(TemplateGraph.Cycle(lifecycle));
        // And the Lifecycle stack is deleted before the main stack, whose function the rule invokes.
        Assert.Contains(deployment.Stacks.Main, deployment.Stacks.Lifecycle.Dependencies);
        main.ResourceCountIs("AWS::Events::Rule", 0);
    }

    [Fact]
    public void A_code_change_changes_the_asset_hash_so_the_resource_is_updated_and_refreshes()
    {
        var otherAsset = Directory.CreateTempSubdirectory("cdk-tests-asset-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(otherAsset, "bootstrap"), "#!/bin/sh\necho changed\n");
            var other = DeploymentStacks.Declare(new Amazon.CDK.App(), deployment.Settings, Code.FromAsset(otherAsset));
            string AssetHash(Template template)
            {
                var hash = new Capture();
                template.HasResourceProperties(LifecycleStack.ResourceType, Obj(("AssetHash", hash)));
                return hash.AsString();
            }

            var before = AssetHash(Lifecycle);
            var after = AssetHash(Template.FromStack(other.Lifecycle));
            Assert.Matches(@"^[0-9a-f]{64}\.zip$", before);
            Assert.NotEqual(before, after);
        }
        finally
        {
            Directory.Delete(otherAsset, recursive: true);
        }
    }

    [Fact]
    public void A_fleet_change_changes_both_resources_properties()
    {
        var fewer = TestFleet.All with { Clusters = [TestFleet.ProdEu] };
        var variant = deployment.MainWith(deployment.Settings with { Fleet = fewer });
        variant.HasResourceProperties(FleetChangeCleanup.ResourceType, Obj(("Fleet", FleetDocument.Write(fewer, indented: false))));
        Assert.NotEqual(CompactFleet, FleetDocument.Write(fewer, indented: false));
    }

    [Fact]
    public void The_deployed_fleet_parameter_holds_the_fleets_SHA256_and_is_written_after_CleanRemoved()
    {
        var parameters = main.FindResources("AWS::SSM::Parameter");
        var (id, parameter) = Assert.Single(parameters);
        var properties = (IDictionary<string, object>)parameter["Properties"];
        Assert.Equal("/EcrPublicLambda/EcrPublicLambda/deployed-fleet-sha256", properties["Name"]);
        Assert.Equal("String", properties["Type"]);
        Assert.Equal(EcrPublicLambda.Configuration.DeployedFleet.Digest(CompactFleet), properties["Value"]);
        Assert.Matches("^[0-9a-f]{64}$", (string)properties["Value"]);
        Assert.Contains(CleanRemovedId, ((IEnumerable<object>)parameter["DependsOn"]).Cast<string>());
        Assert.Empty(TemplateGraph.Cycle(main));
        Assert.False(TemplateGraph.DependsOn(main, FunctionId, id));

        // The function is told its name; its role may read that parameter and no other.
        main.HasResourceProperties("AWS::Lambda::Function", Obj(("Environment", Obj(("Variables", Match.ObjectEquals(Obj(
            ("DEPLOYED_FLEET_PARAMETER", "/EcrPublicLambda/EcrPublicLambda/deployed-fleet-sha256"))))))));
        main.HasResourceProperties("AWS::IAM::Policy", Obj(("PolicyDocument", Obj(("Statement", Match.ArrayWith(new object[]
        {
            Match.ObjectEquals(Obj(("Sid", "ReadDeployedFleet"), ("Effect", "Allow"), ("Action", "ssm:GetParameter"),
                ("Resource", Join("arn:", Partition, ":ssm:eu-west-1:", AccountId, ":parameter/EcrPublicLambda/EcrPublicLambda/deployed-fleet-sha256")))),
        }))))));
    }

    [Fact]
    public void The_teardown_fence_may_set_the_functions_own_concurrency_only_and_makes_no_cycle()
    {
        var (id, policy) = Assert.Single(main.FindResources("AWS::IAM::Policy"), pair => pair.Key.StartsWith("TeardownFence", StringComparison.Ordinal));
        var properties = (IDictionary<string, object>)policy["Properties"];
        main.HasResourceProperties("AWS::IAM::Policy", Obj(("PolicyDocument", Match.ObjectEquals(Obj(
            ("Version", "2012-10-17"),
            ("Statement", new object[] { Match.ObjectEquals(Obj(("Sid", "TeardownFence"), ("Effect", "Allow"), ("Action", "lambda:PutFunctionConcurrency"), ("Resource", GetAtt(FunctionId, "Arn")))) }))))));
        Assert.Equal(new object[] { Ref(LogicalId(main, "AWS::IAM::Role")) }.Length, ((IEnumerable<object>)properties["Roles"]).Count());
        Assert.Empty(TemplateGraph.Cycle(main));
        Assert.False(TemplateGraph.DependsOn(main, FunctionId, id));
    }
}
