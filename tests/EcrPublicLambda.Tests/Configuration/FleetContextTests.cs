using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Tests.Configuration;

/// <summary>CDK context validation: the inline <c>clusters</c> array plus <c>secretName</c>, with the same messages as the file.</summary>
public sealed class FleetContextTests
{
    [Fact]
    public void Context_gives_the_same_fleet_as_the_equivalent_file()
    {
        const string clusters = """[{"name": "prod-eu", "region": "eu-west-1", "namespaces": ["default"], "serviceAccounts": ["ci"]}]""";
        var fromContext = FleetParser.ParseContext(clusters, "pull-secret", adoptExisting: true);
        var fromFile = FleetParser.Parse($$"""{"secretName": "pull-secret", "adoptExisting": true, "clusters": {{clusters}}}""");

        Assert.Equal(fromFile.SecretName, fromContext.SecretName);
        Assert.Equal(fromFile.AdoptExisting, fromContext.AdoptExisting);
        var expected = Assert.Single(fromFile.Clusters);
        var actual = Assert.Single(fromContext.Clusters);
        Assert.Equal((expected.Name, expected.Region), (actual.Name, actual.Region));
        Assert.Equal(expected.Namespaces, actual.Namespaces);
        Assert.Equal(expected.ServiceAccounts, actual.ServiceAccounts);
    }

    [Fact]
    public void Absent_secret_name_and_adopt_existing_take_the_defaults()
    {
        var fleet = FleetParser.ParseContext("""[{"name": "a", "region": "eu-west-1", "namespaces": ["x"]}]""", null, null);
        Assert.Equal("ecr-public-token", fleet.SecretName);
        Assert.False(fleet.AdoptExisting);
    }

    [Theory]
    [InlineData("""[{"name": "a", "region": "Ireland", "namespaces": ["x"]}]""")]
    [InlineData("""[{"name": "a", "region": "eu-west-1", "namespaces": ["x"]}, {"name": "a", "region": "eu-west-1", "namespaces": ["Y", "y"], "roles": []}]""")]
    [InlineData("""[{"name": "a", "region": "eu-west-1"}, 3]""")]
    [InlineData("""[]""")]
    [InlineData("""{"name": "a"}""")]
    public void Bad_clusters_give_the_same_errors_as_in_a_file(string clusters)
    {
        var fromContext = Assert.Throws<FleetValidationException>(() => FleetParser.ParseContext(clusters, null, null)).Errors;
        var fromFile = FleetJson.Errors($$"""{"clusters": {{clusters}}}""");
        Assert.NotEmpty(fromContext);
        Assert.Equal(fromFile, fromContext);
    }

    [Fact]
    public void A_bad_region_is_reported_under_clusters()
    {
        var errors = Assert.Throws<FleetValidationException>(
            () => FleetParser.ParseContext("""[{"name": "a", "region": "Ireland", "namespaces": ["x"]}]""", null, null)).Errors;
        Assert.Equal(["clusters[0].region: \"Ireland\" is not a valid AWS region (a region code such as eu-west-1 or us-gov-west-1)"], errors);
    }

    [Fact]
    public void A_bad_secret_name_and_bad_clusters_are_reported_together()
    {
        var errors = Assert.Throws<FleetValidationException>(
            () => FleetParser.ParseContext("""[{"name": "a", "region": "eu-west-1", "namespaces": ["x"], "namespace": "y"}]""", "Pull_Secret", null)).Errors;
        Assert.Equal(
            [
                "secretName: \"Pull_Secret\" is not a valid Secret name (a DNS-1123 subdomain: at most 253 characters of a-z, 0-9, '-' and '.', each dot-separated part starting and ending with a letter or digit)",
                "clusters[0].namespace: unknown field (did you mean \"namespaces\"?)",
            ],
            errors);
    }

    [Fact]
    public void Clusters_that_are_not_json_are_reported_under_clusters()
    {
        var errors = Assert.Throws<FleetValidationException>(() => FleetParser.ParseContext("prod-eu", null, null)).Errors;
        var error = Assert.Single(errors);
        Assert.StartsWith("clusters: invalid JSON at line 1, position 1: ", error, StringComparison.Ordinal);
    }
}
