using EcrPublicLambda.Cdk.Settings;
using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Cdk.Tests;

/// <summary>The VPC context: read from the command line or cdk.json, ids checked by shape at synth, all three or none.</summary>
public sealed class VpcPlacementTests
{
    private const string Clusters = """[{"name": "prod-eu", "region": "eu-west-1", "namespaces": ["default"]}]""";

    private static readonly AppEnvironment NoEnvironment = new(new Dictionary<string, string>(), AppContext.BaseDirectory);

    private static DeploymentSettings Read(Dictionary<string, object> context)
    {
        context["clusters"] = Clusters;
        return DeploymentSettings.FromContext(key => context.GetValueOrDefault(key), NoEnvironment);
    }

    private static IReadOnlyList<string> Errors(Dictionary<string, object> context) =>
        Assert.Throws<FleetValidationException>(() => Read(context)).Errors;

    [Fact]
    public void Without_the_keys_there_is_no_VPC()
    {
        Assert.Null(Read([]).Vpc);
    }

    [Fact]
    public void Lists_come_as_JSON_text_comma_separated_text_or_cdk_json_arrays()
    {
        var fromJson = Read(new()
        {
            ["vpcId"] = "vpc-0123456789abcdef0",
            ["vpcSubnetIds"] = """["subnet-0aaaaaaaaaaaaaaaa", "subnet-1234abcd"]""",
            ["securityGroupIds"] = "sg-0123456789abcdef0",
        }).Vpc!;
        var fromCommas = Read(new()
        {
            ["vpcId"] = "vpc-1234abcd",
            ["vpcSubnetIds"] = "subnet-0aaaaaaaaaaaaaaaa, subnet-1234abcd",
            ["securityGroupIds"] = "sg-0123456789abcdef0,sg-1234abcd",
        }).Vpc!;
        var fromCdkJson = Read(new()
        {
            ["vpcId"] = "vpc-1234abcd",
            ["vpcSubnetIds"] = new object[] { "subnet-1234abcd" },
            ["securityGroupIds"] = new List<object> { "sg-1234abcd" },
        }).Vpc!;

        Assert.Equal("vpc-0123456789abcdef0", fromJson.VpcId);
        Assert.Equal(["subnet-0aaaaaaaaaaaaaaaa", "subnet-1234abcd"], fromJson.SubnetIds);
        Assert.Equal(["sg-0123456789abcdef0"], fromJson.SecurityGroupIds);
        Assert.Equal(["subnet-0aaaaaaaaaaaaaaaa", "subnet-1234abcd"], fromCommas.SubnetIds);
        Assert.Equal(["sg-0123456789abcdef0", "sg-1234abcd"], fromCommas.SecurityGroupIds);
        Assert.Equal(["subnet-1234abcd"], fromCdkJson.SubnetIds);
        Assert.Equal(["sg-1234abcd"], fromCdkJson.SecurityGroupIds);
    }

    [Fact]
    public void Subnets_without_security_groups_or_VPC_are_refused_naming_what_is_missing()
    {
        var errors = Errors(new() { ["vpcSubnetIds"] = "subnet-1234abcd" });

        Assert.Equal(
            [
                "vpcId: required when vpcSubnetIds is set (give vpcId, vpcSubnetIds and securityGroupIds together, or none)",
                "securityGroupIds: required when vpcSubnetIds is set (give vpcId, vpcSubnetIds and securityGroupIds together, or none)",
            ],
            errors);
    }

    [Fact]
    public void Every_malformed_id_is_reported_at_once_with_its_path()
    {
        var errors = Errors(new()
        {
            ["vpcId"] = "vpc-12",
            ["vpcSubnetIds"] = """["subnet-1234abcd", "sg-1234abcd", "subnet-1234abcd", 7]""",
            ["securityGroupIds"] = "[]",
        });

        Assert.Equal(
            [
                "vpcId: \"vpc-12\" is not a VPC id (vpc- and 8 or 17 hex digits)",
                "vpcSubnetIds[1]: \"sg-1234abcd\" is not a subnet id (subnet- and 8 or 17 hex digits)",
                "vpcSubnetIds[2]: duplicate \"subnet-1234abcd\" (same as vpcSubnetIds[0])",
                "vpcSubnetIds[3]: \"7\" is not a subnet id (subnet- and 8 or 17 hex digits)",
                "securityGroupIds: at least one id is required",
            ],
            errors);
    }

    [Theory]
    [InlineData("cn-north-1", "aws-cn")]
    [InlineData("us-gov-west-1", "aws-us-gov")]
    [InlineData("eu-isoe-west-1", "aws-iso-e")]
    public void A_region_of_another_partition_is_refused_at_synth_saying_why(string region, string partition)
    {
        var errors = Errors(new() { ["region"] = region });

        Assert.Equal([$"region: \"{region}\" is in the {partition} partition; ECR Public tokens come from the aws partition and one run signs with one partition's credentials"], errors);
    }

    [Fact]
    public void A_cluster_or_role_of_another_partition_is_refused_at_synth_with_the_fleet_path()
    {
        var context = new Dictionary<string, object>
        {
            ["clusters"] = """[{"name": "beijing", "region": "cn-north-1", "namespaces": ["default"], "roleArn": "arn:aws-cn:iam::210987654321:role/writer"}]""",
        };

        var errors = Assert.Throws<FleetValidationException>(() => DeploymentSettings.FromContext(key => context.GetValueOrDefault(key), NoEnvironment)).Errors;

        Assert.Equal(
            [
                "clusters[0].region: \"cn-north-1\" is in the aws-cn partition; ECR Public tokens come from the aws partition and one run signs with one partition's credentials",
                "clusters[0].roleArn: \"arn:aws-cn:iam::210987654321:role/writer\" is in the aws-cn partition; ECR Public tokens come from the aws partition and one run signs with one partition's credentials",
            ],
            errors);
    }
}
