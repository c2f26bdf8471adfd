using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Tests.Configuration;

/// <summary>The fleet's <c>registries</c> and the clusters' subsets: defaults, each type, and every error with its JSON path.</summary>
public sealed class FleetRegistriesTests
{
    private const string Cluster = """{"name": "edge", "region": "eu-west-1", "namespaces": ["default"]}""";
    private const string DockerHubArn = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:dockerhub";

    [Fact]
    public void Without_registries_every_cluster_receives_ECR_Public_alone()
    {
        var fleet = FleetParser.Parse($$"""{"clusters": [{{Cluster}}]}""");

        var registry = Assert.Single(fleet.RegistriesFor(fleet.Clusters[0]));
        Assert.Equal(("ecr-public", RegistryType.EcrPublic), (registry.Name, registry.Type));
        Assert.Equal(["public.ecr.aws", "ecr-public.aws.com"], registry.Servers);
    }

    [Fact]
    public void Each_type_is_read_with_its_servers_default_names_and_a_clusters_subset()
    {
        var fleet = FleetParser.Parse($$"""
            {
              "registries": [
                {"type": "ecr-public"},
                {"type": "ecr", "registryId": "111122223333", "region": "eu-west-1", "roleArn": "arn:aws:iam::111122223333:role/puller"},
                {"type": "secretsManager", "name": "docker-hub", "server": "https://index.docker.io/v1/", "secretArn": "{{DockerHubArn}}",
                 "kmsKeyArn": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}
              ],
              "clusters": [{{Cluster}}, {"name": "lab", "region": "us-west-2", "namespaces": ["default"], "registries": ["docker-hub"]}]
            }
            """);

        Assert.Equal(["ecr-public", "111122223333.dkr.ecr.eu-west-1.amazonaws.com", "docker-hub"], fleet.Registries.Select(r => r.Name));
        Assert.Equal(["111122223333.dkr.ecr.eu-west-1.amazonaws.com", "111122223333.dkr-ecr.eu-west-1.on.aws"], fleet.Registries[1].Servers);
        Assert.Equal("arn:aws:iam::111122223333:role/puller", fleet.Registries[1].RoleArn);
        Assert.Equal(["https://index.docker.io/v1/"], fleet.Registries[2].Servers);
        Assert.Equal("eu-west-1", fleet.Registries[2].Region);
        Assert.Equal(3, fleet.RegistriesFor(fleet.Clusters[0]).Count);
        Assert.Equal(["docker-hub"], fleet.RegistriesFor(fleet.Clusters[1]).Select(r => r.Name));
    }

    [Theory]
    [InlineData("""{"type": "ecr-publc"}""", "registries[0].type: unknown registry type \"ecr-publc\" (did you mean \"ecr-public\"?)")]
    [InlineData("""{"name": "x"}""", "registries[0].type: required field is missing (one of: ecr-public, ecr, secretsManager)")]
    [InlineData("""{"type": "ecr", "registryId": "111122223333", "regoin": "eu-west-1"}""", "registries[0].regoin: unknown field (did you mean \"region\"?)")]
    [InlineData("""{"type": "ecr-public", "region": "eu-west-1"}""", "registries[0].region: unknown field (expected one of: type, name)")]
    [InlineData("""{"type": "ecr", "registryId": "1234", "region": "eu-west-1"}""", "registries[0].registryId: \"1234\" is not a valid registry id (the registry's 12-digit AWS account id)")]
    [InlineData("""{"type": "ecr", "registryId": "111122223333", "region": "cn-north-1"}""", "registries[0].region: \"cn-north-1\" is in the aws-cn partition")]
    [InlineData("""{"type": "secretsManager", "server": "docker.io", "secretArn": "arn:aws:secretsmanager:eu-west-1:1111:secret:x"}""", "registries[0].secretArn: \"arn:aws:secretsmanager:eu-west-1:1111:secret:x\" is not a valid Secrets Manager secret ARN")]
    [InlineData("""{"type": "secretsManager", "server": "docker.io", "secretArn": "arn:aws-us-gov:secretsmanager:us-gov-west-1:111122223333:secret:x"}""", "is in the aws-us-gov partition")]
    [InlineData("""{"type": "secretsManager", "server": "docker.io", "secretArn": "arn:aws:secretsmanager:eu-west-1:111122223333:secret:x", "kmsKeyArn": "arn:aws:kms:us-east-1:111122223333:key/abc"}""", "registries[0].kmsKeyArn: is in us-east-1, but the secret is in eu-west-1")]
    [InlineData("""{"type": "secretsManager", "server": "registry-1.docker.io", "secretArn": "arn:aws:secretsmanager:eu-west-1:111122223333:secret:x"}""", "registries[0].server: \"registry-1.docker.io\" is Docker Hub's API host, but the kubelet never matches a Docker Hub image to it")]
    [InlineData("""{"type": "secretsManager", "server": "https://user:pw@ghcr.io", "secretArn": "arn:aws:secretsmanager:eu-west-1:111122223333:secret:x"}""", "registries[0].server: must not carry user information")]
    [InlineData("""{"type": "secretsManager", "server": "ftp://ghcr.io", "secretArn": "arn:aws:secretsmanager:eu-west-1:111122223333:secret:x"}""", "registries[0].server: \"ftp://ghcr.io\" has a scheme other than https:// or http://")]
    [InlineData("""{"type": "secretsManager", "secretArn": "arn:aws:secretsmanager:eu-west-1:111122223333:secret:x"}""", "registries[0].server: required field is missing")]
    public void A_bad_entry_is_reported_at_its_JSON_path(string entry, string expected)
    {
        var e = Assert.Throws<FleetValidationException>(() => FleetParser.Parse($$"""{"registries": [{{entry}}], "clusters": [{{Cluster}}]}"""));

        Assert.Contains(e.Errors, error => error.StartsWith(expected, StringComparison.Ordinal) || error.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://index.docker.io/v1/", "docker.io")]
    [InlineData("index.docker.io", "https://index.docker.io/v2/")]
    [InlineData("public.ecr.aws", "https://public.ecr.aws")]
    public void Two_entries_the_kubelet_would_match_to_the_same_images_are_refused(string first, string second)
    {
        var e = Assert.Throws<FleetValidationException>(() => FleetParser.Parse($$"""
            {"registries": [
              {"type": "ecr-public"},
              {"type": "secretsManager", "name": "a", "server": "{{first}}", "secretArn": "{{DockerHubArn}}"},
              {"type": "secretsManager", "name": "b", "server": "{{second}}", "secretArn": "{{DockerHubArn}}-2"}
            ], "clusters": [{{Cluster}}]}
            """));

        Assert.Contains(e.Errors, error => error.StartsWith("registries[", StringComparison.Ordinal) && error.Contains("is already written by registries[", StringComparison.Ordinal));
    }

    [Fact]
    public void Duplicate_names_an_empty_list_and_unknown_cluster_registries_are_reported()
    {
        var duplicate = Assert.Throws<FleetValidationException>(() => FleetParser.Parse($$"""
            {"registries": [{"type": "ecr-public"}, {"type": "ecr", "name": "ecr-public", "registryId": "111122223333", "region": "eu-west-1"}],
             "clusters": [{{Cluster}}]}
            """));
        var empty = Assert.Throws<FleetValidationException>(() => FleetParser.Parse($$"""{"registries": [], "clusters": [{{Cluster}}]}"""));
        var unknown = Assert.Throws<FleetValidationException>(() => FleetParser.Parse("""
            {"clusters": [{"name": "edge", "region": "eu-west-1", "namespaces": ["default"], "registries": ["ecr-pubic"]}]}
            """));

        Assert.Equal(["registries[1].name: duplicate registry name \"ecr-public\" (same as registries[0]; give each entry its own \"name\")"], duplicate.Errors);
        Assert.Equal(["registries: at least one registry is required (leave the field out for ECR Public alone)"], empty.Errors);
        Assert.Equal(["clusters[0].registries[0]: no registry is named \"ecr-pubic\" (did you mean \"ecr-public\"? the fleet's registries: ecr-public)"], unknown.Errors);
    }
}
