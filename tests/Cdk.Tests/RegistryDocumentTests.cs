using System.Text.Json;
using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Cdk.Tests;

public sealed class RegistryDocumentTests
{
    [Fact]
    public void Compose_leaves_out_what_the_context_does_not_give_so_the_parser_defaults_apply()
    {
        Assert.Equal("""{"clusters":[{"name":"a"}]}""", RegistryDocument.Compose("""[ {"name": "a"} ]""", null, null));
    }

    [Fact]
    public void Compose_puts_secret_name_and_adopt_existing_at_the_top_level()
    {
        Assert.Equal(
            """{"secretName":"pull","adoptExisting":true,"clusters":[]}""",
            RegistryDocument.Compose("[]", "pull", adoptExisting: true));
    }

    [Fact]
    public void Compose_reports_invalid_json_under_the_clusters_path()
    {
        var e = Assert.Throws<RegistryValidationException>(() => RegistryDocument.Compose("""[{"name": }]""", null, null));

        var error = Assert.Single(e.Errors);
        Assert.StartsWith("clusters: invalid JSON at line 1, position 11: '}' is an invalid", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_spells_out_defaults_and_leaves_out_empty_optionals()
    {
        using var json = JsonDocument.Parse(RegistryDocument.Write(new Registry("ecr-public-token", false, [TestRegistry.ProdUs])));

        var root = json.RootElement;
        Assert.Equal("ecr-public-token", root.GetProperty("secretName").GetString());
        Assert.False(root.GetProperty("adoptExisting").GetBoolean());
        var cluster = Assert.Single(root.GetProperty("clusters").EnumerateArray());
        Assert.Equal(["name", "region", "namespaces"], cluster.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Write_keeps_every_optional_that_is_set()
    {
        using var json = JsonDocument.Parse(RegistryDocument.Write(new Registry("s", true, [TestRegistry.Pinned, TestRegistry.Partner])));

        var clusters = json.RootElement.GetProperty("clusters").EnumerateArray().ToList();
        Assert.Equal("https://ABC.gr7.eu-west-1.eks.amazonaws.com", clusters[0].GetProperty("endpoint").GetString());
        Assert.Equal("LS0tLS1CRUdJTg==", clusters[0].GetProperty("certificateAuthority").GetString());
        Assert.Equal(TestRegistry.CrossAccountRole, clusters[1].GetProperty("roleArn").GetString());
        Assert.Equal(["builder"], clusters[1].GetProperty("serviceAccounts").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Written_registry_parses_back_to_the_same_registry()
    {
        var registry = new Registry("ecr-public-token", false, [TestRegistry.ProdEu, TestRegistry.ProdUs, TestRegistry.Partner]);
        var written = RegistryDocument.Write(registry);

        Assert.Equal(written, RegistryDocument.Write(RegistryParser.Parse(written)));
    }
}
