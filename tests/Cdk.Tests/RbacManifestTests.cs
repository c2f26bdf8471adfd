using EcrPublicLambda.Cdk.Access;
using EcrPublicLambda.Configuration;
using YamlDotNet.RepresentationModel;
using static EcrPublicLambda.Cdk.Tests.ManifestYaml;

namespace EcrPublicLambda.Cdk.Tests;

public sealed class RbacManifestTests
{
    private static readonly ClusterConfig Cluster = new("prod-eu", "eu-west-1", ["default", "monitoring"], ["default", "builder"], null, null, null);

    /// <summary>Every YAML document of the manifest, parsed (a YAML syntax error fails the test).</summary>
    private static List<YamlNode> Documents(ClusterConfig cluster, string secretName) => ManifestYaml.Documents(RbacManifest.Render(cluster, secretName));

    [Fact]
    public void Each_namespace_gets_a_role_and_a_binding_to_the_access_entry_group()
    {
        var documents = Documents(Cluster, "ecr-public-token");

        Assert.Equal(4, documents.Count);
        foreach (var (ns, index) in new[] { ("default", 0), ("monitoring", 2) })
        {
            var (role, binding) = (documents[index], documents[index + 1]);
            Assert.Equal(["rbac.authorization.k8s.io/v1", "Role", "ecr-public-lambda", ns],
                [Scalar(role, "apiVersion"), Scalar(role, "kind"), Scalar(role, "metadata", "name"), Scalar(role, "metadata", "namespace")]);
            Assert.Equal(["RoleBinding", "ecr-public-lambda", ns, "Role", "ecr-public-lambda"],
                [Scalar(binding, "kind"), Scalar(binding, "metadata", "name"), Scalar(binding, "metadata", "namespace"), Scalar(binding, "roleRef", "kind"), Scalar(binding, "roleRef", "name")]);
            var subject = Assert.Single((YamlSequenceNode)binding["subjects"]);
            Assert.Equal(["Group", "ecr-public-lambda", "rbac.authorization.k8s.io"],
                [Scalar(subject, "kind"), Scalar(subject, "name"), Scalar(subject, "apiGroup")]);
        }
    }

    [Fact]
    public void Role_allows_only_the_named_secret_and_the_listed_service_accounts()
    {
        var role = Documents(Cluster, "pull-secret")[0];

        Assert.Collection(
            (YamlSequenceNode)role["rules"],
            secrets =>
            {
                Assert.Equal([string.Empty], Strings(secrets, "apiGroups"));
                Assert.Equal(["secrets"], Strings(secrets, "resources"));
                Assert.Equal(["pull-secret"], Strings(secrets, "resourceNames"));
                Assert.Equal(["get", "create", "patch", "delete"], Strings(secrets, "verbs"));
            },
            serviceAccounts =>
            {
                Assert.Equal([string.Empty], Strings(serviceAccounts, "apiGroups"));
                Assert.Equal(["serviceaccounts"], Strings(serviceAccounts, "resources"));
                Assert.Equal(["default", "builder"], Strings(serviceAccounts, "resourceNames"));
                Assert.Equal(["get", "patch"], Strings(serviceAccounts, "verbs"));
            });
    }

    [Fact]
    public void Without_service_accounts_the_role_has_no_service_account_rule()
    {
        var role = Documents(Cluster with { ServiceAccounts = [] }, "ecr-public-token")[0];

        Assert.Equal(["secrets"], Strings(Assert.Single((YamlSequenceNode)role["rules"]), "resources"));
    }

    [Fact]
    public void File_name_tells_clusters_of_one_name_in_two_regions_apart()
    {
        Assert.Equal("rbac-prod-eu-eu-west-1.yaml", RbacManifest.FileName(Cluster));
        Assert.NotEqual(RbacManifest.FileName(Cluster), RbacManifest.FileName(Cluster with { Region = "us-east-1" }));
    }
}
