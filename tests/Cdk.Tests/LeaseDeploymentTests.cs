using Amazon.CDK.Assertions;
using EcrPublicLambda.Cdk.Access;
using EcrPublicLambda.Configuration;
using YamlDotNet.RepresentationModel;
using static EcrPublicLambda.Cdk.Tests.ManifestYaml;
using static EcrPublicLambda.Cdk.Tests.TemplateJson;

namespace EcrPublicLambda.Cdk.Tests;

/// <summary>
/// <c>reservedConcurrency: none</c>: the function has no reservation and is told to take a Lease that outlives its
/// timeout; the access entries put the role in the group the Lease's RoleBinding names (AmazonEKSEditPolicy grants no
/// leases), and the manifests grant exactly the Lease verbs on its name in the Lease namespace.
/// </summary>
public sealed class LeaseDeploymentTests(EditPolicyDeployment deployment) : IClassFixture<EditPolicyDeployment>
{
    private (Template Main, Template Lifecycle) Leasing(AccessMode mode = AccessMode.EditPolicy) =>
        deployment.With(deployment.Settings with { AccessMode = mode, ReservedConcurrency = null });

    [Fact]
    public void The_function_has_no_reservation_and_a_Lease_duration_beyond_its_timeout()
    {
        var (main, _) = Leasing();

        var function = Assert.Single(Properties(main, "AWS::Lambda::Function"));
        Assert.False(function.ContainsKey("ReservedConcurrentExecutions"));
        var variables = (IDictionary<string, object>)((IDictionary<string, object>)function["Environment"])["Variables"];
        Assert.Equal([DeployedFleet.ParameterVariable, RunLease.DurationVariable], variables.Keys.Order(StringComparer.Ordinal));
        Assert.True(int.Parse((string)variables[RunLease.DurationVariable], System.Globalization.CultureInfo.InvariantCulture) > (int)(double)function["Timeout"]);
    }

    [Fact]
    public void A_reservation_is_set_as_given_and_then_the_function_is_told_nothing_about_a_Lease()
    {
        var (main, _) = deployment.With(deployment.Settings with { ReservedConcurrency = 4 });

        main.HasResourceProperties("AWS::Lambda::Function", Obj(("ReservedConcurrentExecutions", 4)));
        var function = Assert.Single(Properties(main, "AWS::Lambda::Function"));
        var variables = (IDictionary<string, object>)((IDictionary<string, object>)function["Environment"])["Variables"];
        Assert.DoesNotContain(RunLease.DurationVariable, variables.Keys);
    }

    [Fact]
    public void Edit_policy_access_entries_add_the_group_the_Lease_binding_names()
    {
        var (main, _) = Leasing();

        foreach (var entry in Properties(main, "AWS::EKS::AccessEntry"))
        {
            Assert.Equal([RbacManifest.KubernetesGroup], ((IEnumerable<object>)entry["KubernetesGroups"]).Cast<string>());
            Assert.Single((IEnumerable<object>)entry["AccessPolicies"]);
        }

        Assert.All(Properties(deployment.Main, "AWS::EKS::AccessEntry"), entry => Assert.False(entry.ContainsKey("KubernetesGroups")));
    }

    [Fact]
    public void Edit_policy_manifest_is_only_the_Lease_role_and_binding_in_the_first_exact_namespace()
    {
        var documents = Documents(RbacManifest.Render(TestFleet.ProdEu, "ecr-public-token", AccessMode.EditPolicy, lease: true));

        Assert.Equal(2, documents.Count);
        var (role, binding) = (documents[0], documents[1]);
        Assert.Equal(["Role", RbacManifest.LeaseRoleName, "default"], [Scalar(role, "kind"), Scalar(role, "metadata", "name"), Scalar(role, "metadata", "namespace")]);
        var rules = ((YamlSequenceNode)role["rules"]).ToList();
        Assert.Equal(2, rules.Count);
        Assert.Equal(["coordination.k8s.io"], Strings(rules[0], "apiGroups"));
        Assert.Equal(["leases"], Strings(rules[0], "resources"));
        Assert.Equal(["create"], Strings(rules[0], "verbs"));
        Assert.False(((YamlMappingNode)rules[0]).Children.ContainsKey("resourceNames"));
        Assert.Equal(["ecr-public-token"], Strings(rules[1], "resourceNames"));
        Assert.Equal(["get", "update", "delete"], Strings(rules[1], "verbs"));
        Assert.Equal(["RoleBinding", RbacManifest.LeaseRoleName, "default", RbacManifest.LeaseRoleName, RbacManifest.KubernetesGroup],
            [Scalar(binding, "kind"), Scalar(binding, "metadata", "name"), Scalar(binding, "metadata", "namespace"), Scalar(binding, "roleRef", "name"),
             Scalar(((YamlSequenceNode)binding["subjects"])[0], "name")]);
    }

    [Fact]
    public void Rbac_manifest_adds_the_Lease_role_to_the_namespace_roles_and_without_a_Lease_has_none()
    {
        var leased = Documents(RbacManifest.Render(TestFleet.ProdEu, "ecr-public-token", AccessMode.Rbac, lease: true));
        var plain = Documents(RbacManifest.Render(TestFleet.ProdEu, "ecr-public-token", AccessMode.Rbac));

        Assert.Equal(plain.Count + 2, leased.Count);
        Assert.Equal(1, leased.Count(d => Scalar(d, "metadata", "name") == RbacManifest.LeaseRoleName && Scalar(d, "kind") == "Role"));
        Assert.DoesNotContain(plain, d => Scalar(d, "metadata", "name") == RbacManifest.LeaseRoleName);
    }

    [Fact]
    public void Outputs_point_to_the_Lease_manifest_and_the_cross_account_role_needs_the_group_too()
    {
        var (main, _) = Leasing();

        main.HasOutput("RbacManifest0", Obj(("Description", Match.StringLikeRegexp("the RBAC of the run's Lease"))));
        var target = new Capture();
        main.HasOutput("TargetRole3", Obj(("Value", target)));
        Assert.Contains($"kubernetes group {RbacManifest.KubernetesGroup} (then apply rbac-partner-eu-west-1.yaml for the run",
            System.Text.Json.JsonSerializer.Serialize(target.AsObject()), StringComparison.Ordinal);
        Assert.DoesNotContain("RbacManifest0", OutputNames(deployment.Main));
    }
}
