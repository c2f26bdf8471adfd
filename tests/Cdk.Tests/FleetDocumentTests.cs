using System.Text.Json;
using EcrPublicLambda.Cdk.Common;
using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Cdk.Tests;

public sealed class FleetDocumentTests
{
    [Fact]
    public void Compose_leaves_out_what_the_context_does_not_give_so_the_parser_defaults_apply()
    {
        Assert.Equal("""{"clusters":[{"name":"a"}]}""", FleetDocument.Compose("""[ {"name": "a"} ]""", null, null));
    }

    [Fact]
    public void Compose_puts_secret_name_and_adopt_existing_at_the_top_level()
    {
        Assert.Equal(
            """{"secretName":"pull","adoptExisting":true,"clusters":[]}""",
            FleetDocument.Compose("[]", "pull", adoptExisting: true));
    }

    [Fact]
    public void Compose_puts_the_instance_at_the_top_level_and_write_spells_it_out()
    {
        Assert.Equal("""{"instance":"blue","clusters":[]}""", FleetDocument.Compose("[]", null, null, "blue"));
        using var json = JsonDocument.Parse(FleetDocument.Write(new Fleet("ecr-public-token", false, [TestFleet.ProdUs]) { Instance = "blue" }));
        Assert.Equal("blue", json.RootElement.GetProperty("instance").GetString());
        Assert.Equal("blue", FleetParser.Parse(FleetDocument.Write(new Fleet("ecr-public-token", false, [TestFleet.ProdUs]) { Instance = "blue" })).Instance);
    }

    [Fact]
    public void Compose_reports_invalid_json_under_the_clusters_path()
    {
        var e = Assert.Throws<FleetValidationException>(() => FleetDocument.Compose("""[{"name": }]""", null, null));

        var error = Assert.Single(e.Errors);
        Assert.StartsWith("clusters: invalid JSON at line 1, position 11: '}' is an invalid", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_spells_out_defaults_and_leaves_out_empty_optionals()
    {
        using var json = JsonDocument.Parse(FleetDocument.Write(new Fleet("ecr-public-token", false, [TestFleet.ProdUs])));

        var root = json.RootElement;
        Assert.Equal("ecr-public-token", root.GetProperty("secretName").GetString());
        Assert.False(root.GetProperty("adoptExisting").GetBoolean());
        var cluster = Assert.Single(root.GetProperty("clusters").EnumerateArray());
        Assert.Equal(["name", "region", "namespaces"], cluster.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Write_keeps_every_optional_that_is_set()
    {
        using var json = JsonDocument.Parse(FleetDocument.Write(new Fleet("s", true, [TestFleet.Pinned, TestFleet.Partner])));

        var clusters = json.RootElement.GetProperty("clusters").EnumerateArray().ToList();
        Assert.Equal("https://ABC.gr7.eu-west-1.eks.amazonaws.com", clusters[0].GetProperty("endpoint").GetString());
        Assert.Equal("LS0tLS1CRUdJTg==", clusters[0].GetProperty("certificateAuthority").GetString());
        Assert.Equal(TestFleet.CrossAccountRole, clusters[1].GetProperty("roleArn").GetString());
        Assert.Equal(["builder"], clusters[1].GetProperty("serviceAccounts").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Written_fleet_parses_back_to_the_same_fleet()
    {
        var fleet = new Fleet("ecr-public-token", false, [TestFleet.ProdEu, TestFleet.ProdUs, TestFleet.Partner]);
        var written = FleetDocument.Write(fleet);

        Assert.Equal(written, FleetDocument.Write(FleetParser.Parse(written)));
    }
}
