using Amazon.CDK.Assertions;
using EcrPublicLambda.Cdk.Access;
using EcrPublicLambda.Cdk.Lifecycle;
using EcrPublicLambda.Configuration;
using YamlDotNet.RepresentationModel;
using static EcrPublicLambda.Cdk.Tests.TemplateJson;

namespace EcrPublicLambda.Cdk.Tests;

/// <summary>A deployment with <c>kubernetes</c> clusters: their grants, no access entries, the warning, the onboarding manifest.</summary>
public sealed class KubernetesStackTests(KubernetesDeployment deployment) : IClassFixture<KubernetesDeployment>
{
    private readonly Template main = deployment.Main;

    private static string Edge => KubernetesDeployment.EdgeSecret;

    [Fact]
    public void Only_the_eks_cluster_gets_an_access_entry()
    {
        var entry = Assert.Single(Properties(main, "AWS::EKS::AccessEntry"));
        Assert.Equal("prod-eu", (string)entry["ClusterName"]);
        Assert.Empty(deployment.Regional);
    }

    [Fact]
    public void The_function_reads_its_own_secret_and_decrypts_through_secrets_manager_in_the_secrets_region_only()
    {
        main.HasResourceProperties("AWS::IAM::Policy", Obj(("PolicyDocument", Obj(("Statement", new object[]
        {
            Match.ObjectEquals(Obj(
                ("Sid", ClusterGrants.ReadCredentialsSid),
                ("Effect", "Allow"),
                ("Action", "secretsmanager:GetSecretValue"),
                ("Resource", new object[] { Edge, Edge + "-??????" }))),
            Match.ObjectEquals(Obj(
                ("Sid", ClusterGrants.DecryptCredentialsSid),
                ("Effect", "Allow"),
                ("Action", "kms:Decrypt"),
                ("Resource", KubernetesDeployment.EdgeKey),
                ("Condition", Obj(("StringEquals", Obj(("kms:ViaService", "secretsmanager.eu-central-1.amazonaws.com"))))))),
        })))));
    }

    [Fact]
    public void A_role_read_secret_is_granted_to_the_role_not_the_function_and_no_cluster_is_described()
    {
        var statements = Properties(main, "AWS::IAM::Policy")
            .SelectMany(p => ((IEnumerable<object>)((IDictionary<string, object>)p["PolicyDocument"])["Statement"]).Cast<IDictionary<string, object>>())
            .ToList();

        Assert.DoesNotContain(statements, s => s["Resource"] is string r && r.Contains(":secret:onprem", StringComparison.Ordinal));
        Assert.Single(statements, s => s.TryGetValue("Sid", out var sid) && (string)sid == ClusterGrants.AssumeSid);
        Assert.Single(statements, s => s.TryGetValue("Sid", out var sid) && (string)sid == ClusterGrants.DescribeSid); // prod-eu only
        var output = System.Text.Json.JsonSerializer.Serialize(main.FindOutputs("TargetRole2"));
        Assert.Contains("allow secretsmanager:GetSecretValue on arn:aws:secretsmanager:eu-west-1:210987654321:secret:onprem-AbCdEf", output, StringComparison.Ordinal);
        Assert.DoesNotContain("access entry", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_kubernetes_grants_wait_for_the_fleet_change_cleanup_like_every_grant()
    {
        var cleanup = LogicalId(main, FleetChangeCleanup.ResourceType);
        var grants = main.FindResources("AWS::IAM::Policy").Where(pair => pair.Key.StartsWith("ClusterGrants", StringComparison.Ordinal)).ToList();

        Assert.Equal(3, grants.Count); // prod-eu DescribeCluster, edge secret, onprem AssumeRole
        Assert.All(grants, grant => Assert.True(TemplateGraph.DependsOn(main, grant.Key, cleanup), grant.Key));
    }

    [Fact]
    public void The_wildcard_of_the_partial_arn_is_acknowledged_to_cdk_nag_with_its_reason()
    {
        main.HasResource("AWS::IAM::Policy", Obj(("Metadata", Obj(("cdk_nag", Obj(("rules_to_suppress", new object[]
        {
            Match.ObjectEquals(Obj(
                ("id", "AwsSolutions-IAM5"),
                ("reason", Match.StringLikeRegexp("six random characters")),
                ("applies_to", new[] { $"Resource::{Edge}-??????" }))),
        })))))));
    }

    [Fact]
    public void Synth_warns_that_kubernetes_clusters_without_vpc_placement_need_a_public_endpoint()
    {
        var warnings = Annotations.FromStack(deployment.Stacks.Main).FindWarning("*", Match.AnyValue())
            .Select(w => Convert.ToString(w.Entry.Data, System.Globalization.CultureInfo.InvariantCulture)!)
            .ToList();

        var warning = Assert.Single(warnings, w => w.StartsWith("kubernetes cluster(s)", StringComparison.Ordinal));
        Assert.Contains("edge (10.20.0.5:6443), onprem (k8s.corp.example:6443)", warning, StringComparison.Ordinal);
        Assert.Contains("-c vpcId=", warning, StringComparison.Ordinal);

        // The edit-policy warning names the EKS cluster only: the kubernetes ones are not under an access policy.
        var edit = Assert.Single(warnings, w => w.StartsWith("accessMode edit-policy", StringComparison.Ordinal));
        Assert.DoesNotContain("edge", edit, StringComparison.Ordinal);
    }

    [Fact]
    public void The_onboarding_manifest_creates_the_service_account_and_binds_it_and_the_certificate_group()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(RbacManifest.Render(KubernetesDeployment.Edge, "ecr-public-token", onboardingNamespace: "platform")));
        var documents = stream.Documents.Select(d => d.RootNode).ToList();
        string Scalar(YamlNode node, params string[] path) => ((YamlScalarNode)path.Aggregate(node, (current, key) => current[key])).Value!;

        Assert.Equal(["Namespace", "ServiceAccount", "Role", "RoleBinding"], documents.Select(d => Scalar(d, "kind")));
        Assert.Equal(("ecr-public-lambda", "platform"), (Scalar(documents[1], "metadata", "name"), Scalar(documents[1], "metadata", "namespace")));
        var subjects = ((YamlSequenceNode)documents[3]["subjects"]).ToList();
        Assert.Equal(["Group:ecr-public-lambda", "ServiceAccount:ecr-public-lambda"], subjects.Select(s => $"{Scalar(s, "kind")}:{Scalar(s, "name")}"));
        Assert.Equal("platform", Scalar(subjects[1], "namespace"));
        Assert.Equal("default", Scalar(documents[3], "metadata", "namespace"));
        main.HasOutput("RbacManifest1", Obj(("Description", Match.StringLikeRegexp("store its credentials in ecr-public-lambda/edge"))));
    }
}
