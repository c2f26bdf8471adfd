using EcrPublicLambda.Cdk.Access;
using EcrPublicLambda.Cdk.Settings;
using EcrPublicLambda.Cdk.Stacks;
using EcrPublicLambda.Configuration;
using YamlDotNet.RepresentationModel;
using static EcrPublicLambda.Cdk.Tests.TemplateJson;

namespace EcrPublicLambda.Cdk.Tests;

/// <summary><c>namespaces: ["a", "b"], excludeNamespaces: ["b"]</c> grants nothing in <c>b</c>, in either access mode.</summary>
public sealed class ExcludedNamespaceAccessTests(EditPolicyDeployment deployment) : IClassFixture<EditPolicyDeployment>
{
    private static readonly ClusterConfig Excluding = new("prod-eu", "eu-west-1", ["a", "b"], ["default"], null, null, null) { ExcludeNamespaces = ["b"] };

    private static readonly ClusterConfig PartnerExcluding = TestFleet.Partner with { Namespaces = ["team-a", "team-b"], ExcludeNamespaces = ["team-*"] };

    private Fleet ExcludingFleet => new("ecr-public-token", false, [Excluding, TestFleet.Partner]);

    [Fact]
    public void The_edit_policy_access_entry_is_scoped_to_the_selected_names_only()
    {
        var main = deployment.MainWith(deployment.Settings with { Fleet = ExcludingFleet });

        var entry = Assert.Single(Properties(main, "AWS::EKS::AccessEntry"));
        var policy = (IDictionary<string, object>)Assert.Single((IEnumerable<object>)entry["AccessPolicies"]);
        var scope = (IDictionary<string, object>)policy["AccessScope"];
        Assert.Equal(["a"], ((IEnumerable<object>)scope["Namespaces"]).Cast<string>());
    }

    [Fact]
    public void The_rbac_manifest_has_no_role_or_binding_in_the_excluded_namespace()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(RbacManifest.Render(Excluding, "ecr-public-token")));

        var namespaces = stream.Documents.Select(d => ((YamlScalarNode)d.RootNode["metadata"]["namespace"]).Value).ToList();
        Assert.Equal(["a", "a"], namespaces);
    }

    [Fact]
    public void The_warning_and_the_cross_account_role_name_only_the_selected_namespaces()
    {
        var warning = EcrPublicLambdaStack.EditPolicyWarning(ExcludingFleet);
        var target = EcrPublicLambdaStack.DescribeTargetRole(PartnerExcluding with { ExcludeNamespaces = ["team-b"] }, "arn:aws:iam::123456789012:role/f", AccessMode.EditPolicy);

        Assert.Contains("prod-eu (eu-west-1): a;", warning, StringComparison.Ordinal);
        Assert.EndsWith("AmazonEKSEditPolicy scoped to namespaces team-a", target, StringComparison.Ordinal);
    }

    [Fact]
    public void An_excluded_system_namespace_is_not_refused_but_a_cluster_excluding_all_its_names_is()
    {
        var context = new Dictionary<string, object>
        {
            ["clusters"] = """
                [{"name": "a", "region": "eu-west-1", "namespaces": ["default", "kube-system"], "excludeNamespaces": ["kube-system"]},
                 {"name": "b", "region": "eu-west-1", "namespaces": ["x"], "excludeNamespaces": ["x"]}]
                """,
        };

        var errors = Assert.Throws<FleetValidationException>(() =>
            DeploymentSettings.FromContext(key => context.GetValueOrDefault(key), new AppEnvironment(new Dictionary<string, string>(), AppContext.BaseDirectory))).Errors;

        var error = Assert.Single(errors);
        Assert.StartsWith("clusters[1].excludeNamespaces: cluster b excludes every namespace it names", error, StringComparison.Ordinal);
    }
}
