using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Tests.Configuration;

/// <summary>The <c>kind</c> of a cluster: <c>eks</c> (the default) or <c>kubernetes</c>, and the fields each kind takes.</summary>
public sealed class FleetKindTests
{
    private const string SecretArn = "arn:aws:secretsmanager:eu-central-1:111122223333:secret:ecr-public-lambda/edge";
    private const string KeyArn = "arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    private static string Kubernetes(string fields) =>
        $$"""{"clusters": [{"name": "edge", "kind": "kubernetes", "namespaces": ["default"], {{fields}}}]}""";

    private static string Complete(string extra = "") =>
        Kubernetes($$"""
            "endpoint": "https://10.0.0.5:6443", "certificateAuthority": "{{TestCertificates.CreateCaBase64()}}",
            "credentialsSecretArn": "{{SecretArn}}"{{extra}}
            """);

    [Fact]
    public void A_cluster_without_kind_is_eks_and_has_no_secret()
    {
        var cluster = Assert.Single(FleetParser.Parse(FleetJson.Document("{}")).Clusters);

        Assert.Equal(ClusterKind.Eks, cluster.Kind);
        Assert.Null(cluster.CredentialsSecretArn);
        Assert.Null(cluster.CredentialsSecretName);
    }

    [Fact]
    public void A_kubernetes_cluster_takes_its_region_from_the_secret_arn_and_keeps_role_and_key()
    {
        var cluster = Assert.Single(FleetParser.Parse(Complete($""", "roleArn": "arn:aws:iam::111122223333:role/reader", "kmsKeyArn": "{KeyArn}" """)).Clusters);

        Assert.Equal(ClusterKind.Kubernetes, cluster.Kind);
        Assert.Equal("eu-central-1", cluster.Region);
        Assert.Equal(SecretArn, cluster.CredentialsSecretArn);
        Assert.Equal("ecr-public-lambda/edge", cluster.CredentialsSecretName);
        Assert.Equal(KeyArn, cluster.KmsKeyArn);
        Assert.Equal("arn:aws:iam::111122223333:role/reader", cluster.RoleArn);
        Assert.Equal("https://10.0.0.5:6443/", cluster.Endpoint!.AbsoluteUri);
    }

    [Fact]
    public void A_kubernetes_cluster_needs_endpoint_authority_and_secret_each_named_with_its_path()
    {
        var errors = FleetJson.Errors(Kubernetes("\"region\": \"eu-west-1\""));

        Assert.Equal(
            [
                "clusters[0].credentialsSecretArn: required field is missing",
                "clusters[0].endpoint: required for a cluster of kind \"kubernetes\" (its API server and CA are not looked up)",
                "clusters[0].certificateAuthority: required for a cluster of kind \"kubernetes\" (its API server and CA are not looked up)",
            ],
            errors);
    }

    [Fact]
    public void Secret_fields_on_an_eks_cluster_are_errors_naming_the_kind()
    {
        var errors = FleetJson.Errors(FleetJson.Document($$"""{"credentialsSecretArn": "{{SecretArn}}", "kmsKeyArn": "{{KeyArn}}"}"""));

        Assert.Equal(
            [
                "clusters[0].credentialsSecretArn: is not used by a cluster of kind \"eks\" (it reads the credentials of a cluster of kind \"kubernetes\")",
                "clusters[0].kmsKeyArn: is not used by a cluster of kind \"eks\" (it reads the credentials of a cluster of kind \"kubernetes\")",
            ],
            errors);
    }

    [Fact]
    public void An_unknown_kind_a_region_other_than_the_secrets_and_a_key_elsewhere_are_each_reported()
    {
        Assert.Equal(
            ["clusters[0].kind: \"openshift\" is not a cluster kind (expected \"eks\", the default, or \"kubernetes\")"],
            FleetJson.Errors(FleetJson.Document("""{"kind": "openshift"}""")));

        var errors = FleetJson.Errors(Complete(""", "region": "eu-west-1", "kmsKeyArn": "arn:aws:kms:us-east-1:111122223333:key/abcd" """));

        Assert.Equal(
            [
                "clusters[0].kmsKeyArn: the key is in \"us-east-1\", not in the secret's region \"eu-central-1\"",
                "clusters[0].region: \"eu-west-1\" is not the region of credentialsSecretArn (\"eu-central-1\"); for a cluster of kind \"kubernetes\", region is the region of its secret (leave it out to take the ARN's)",
            ],
            errors.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_bad_role_arn_on_a_kubernetes_cluster_says_it_is_the_role_that_reads_the_secret()
    {
        var error = Assert.Single(FleetJson.Errors(Complete(""", "roleArn": "reader" """)));

        Assert.StartsWith("clusters[0].roleArn: \"reader\" is not a valid IAM role ARN", error, StringComparison.Ordinal);
        Assert.EndsWith("(for a cluster of kind \"kubernetes\", roleArn is the role that reads credentialsSecretArn)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_secret_and_key_arns_are_refused_and_an_alias_is_no_key()
    {
        var errors = FleetJson.Errors(Kubernetes($$"""
            "endpoint": "https://10.0.0.5:6443", "certificateAuthority": "{{TestCertificates.CreateCaBase64()}}",
            "credentialsSecretArn": "ecr-public-lambda/edge", "kmsKeyArn": "arn:aws:kms:eu-central-1:111122223333:alias/secrets"
            """));

        Assert.Contains(errors, e => e.StartsWith("clusters[0].credentialsSecretArn: \"ecr-public-lambda/edge\" is not a valid Secrets Manager secret ARN", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("clusters[0].kmsKeyArn: \"arn:aws:kms:eu-central-1:111122223333:alias/secrets\" is not a valid KMS key ARN", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_kubernetes_clusters_of_one_name_in_the_secrets_region_are_duplicates()
    {
        var ca = TestCertificates.CreateCaBase64();
        var entry = $$"""{"name": "edge", "kind": "kubernetes", "namespaces": ["default"], "endpoint": "https://10.0.0.5:6443", "certificateAuthority": "{{ca}}", "credentialsSecretArn": "{{SecretArn}}"}""";

        var error = Assert.Single(FleetJson.Errors($$"""{"clusters": [{{entry}}, {{entry}}]}"""));

        Assert.Equal("clusters[1]: duplicate cluster \"edge\" in region \"eu-central-1\" (same as clusters[0])", error);
    }
}
