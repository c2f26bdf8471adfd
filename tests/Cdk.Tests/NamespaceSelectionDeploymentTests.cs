using EcrPublicLambda.Cdk.Access;
using EcrPublicLambda.Cdk.Common;
using EcrPublicLambda.Cdk.Settings;
using EcrPublicLambda.Configuration;
using YamlDotNet.RepresentationModel;

namespace EcrPublicLambda.Cdk.Tests;

/// <summary>Clusters that choose namespaces by pattern or label: refused in <c>edit-policy</c>, a ClusterRole in <c>rbac</c>, kept in the bundled fleet.</summary>
public sealed class NamespaceSelectionDeploymentTests
{
    private const string Clusters = """
        [
          {"name": "prod-eu", "region": "eu-west-1", "namespaces": ["default"]},
          {"name": "teams", "region": "eu-west-1", "namespaces": ["team-*"], "excludeNamespaces": ["team-old"], "serviceAccounts": ["default"]},
          {"name": "labelled", "region": "eu-west-1", "namespaces": ["default"], "namespaceSelector": "env in (prod)"}
        ]
        """;

    private static readonly AppEnvironment NoEnvironment = new(new Dictionary<string, string>(), AppContext.BaseDirectory);

    private static DeploymentSettings Read(string? accessMode)
    {
        var context = new Dictionary<string, object> { ["clusters"] = Clusters };
        if (accessMode is not null)
        {
            context["accessMode"] = accessMode;
        }

        return DeploymentSettings.FromContext(key => context.GetValueOrDefault(key), NoEnvironment);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("edit-policy")]
    public void Edit_policy_refuses_patterns_and_selectors_and_points_to_rbac(string? accessMode)
    {
        var errors = Assert.Throws<FleetValidationException>(() => Read(accessMode)).Errors;

        Assert.Equal(
            [
                "clusters[1]: cluster \"teams\" uses namespace patterns, which needs a cluster-scoped list of namespaces that accessMode \"edit-policy\" (an EKS access policy scoped to namespaces) cannot grant; use accessMode \"rbac\" or list the namespaces by name",
                "clusters[2]: cluster \"labelled\" uses a namespaceSelector, which needs a cluster-scoped list of namespaces that accessMode \"edit-policy\" (an EKS access policy scoped to namespaces) cannot grant; use accessMode \"rbac\" or list the namespaces by name",
            ],
            errors);
    }

    [Fact]
    public void Rbac_grants_the_namespace_list_and_the_by_name_rights_cluster_wide()
    {
        var settings = Read("rbac");
        var teams = settings.Fleet.Clusters[1];
        var stream = new YamlStream();
        stream.Load(new StringReader(RbacManifest.Render(teams, "ecr-public-token")));
        var documents = stream.Documents.Select(d => d.RootNode).ToList();

        Assert.Equal(["ClusterRole", "ClusterRoleBinding"], documents.Select(d => Scalar(d, "kind")));
        Assert.All(documents, d => Assert.Throws<KeyNotFoundException>(() => d["metadata"]["namespace"]));
        var rules = ((YamlSequenceNode)documents[0]["rules"]).ToList();
        Assert.Equal(
            [("namespaces", "", "list"), ("secrets", "ecr-public-token", "list"), ("secrets", "ecr-public-token", "get,create,patch,delete"), ("serviceaccounts", "default", "get,patch")],
            rules.Select(rule => (Strings(rule, "resources")[0], rule is YamlMappingNode map && map.Children.ContainsKey("resourceNames") ? string.Join(',', Strings(rule, "resourceNames")) : string.Empty, string.Join(',', Strings(rule, "verbs")))));
        Assert.Equal(["ClusterRole", "ecr-public-lambda"], [Scalar(documents[1], "roleRef", "kind"), Scalar(documents[1], "roleRef", "name")]);
        Assert.Equal("ecr-public-lambda", Scalar(((YamlSequenceNode)documents[1]["subjects"])[0], "name"));

        // A cluster with exact names only keeps its per-namespace Roles.
        Assert.Contains("kind: Role\n", RbacManifest.Render(settings.Fleet.Clusters[0], "ecr-public-token"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_bundled_fleet_keeps_exclusions_and_the_canonical_selector()
    {
        var written = FleetDocument.Write(Read("rbac").Fleet);
        var reparsed = FleetParser.Parse(written);

        Assert.Equal(["team-old"], reparsed.Clusters[1].ExcludeNamespaces);
        Assert.Equal("env in (prod)", reparsed.Clusters[2].NamespaceSelector!.ToString());
        Assert.Null(reparsed.Clusters[0].NamespaceSelector);
    }

    private static string Scalar(YamlNode node, params string[] path) =>
        ((YamlScalarNode)path.Aggregate(node, (current, key) => current[key])).Value!;

    private static string[] Strings(YamlNode node, string key) =>
        [.. ((YamlSequenceNode)node[key]).Select(item => ((YamlScalarNode)item).Value!)];
}
