using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Tests.Configuration;

public sealed class AwsPartitionTests
{
    [Theory]
    [InlineData("us-east-1", "aws")]
    [InlineData("eu-west-1", "aws")]
    [InlineData("ap-southeast-4", "aws")]
    [InlineData("mx-central-1", "aws")]
    [InlineData("cn-north-1", "aws-cn")]
    [InlineData("cn-northwest-1", "aws-cn")]
    [InlineData("us-gov-west-1", "aws-us-gov")]
    [InlineData("us-gov-east-1", "aws-us-gov")]
    [InlineData("us-iso-east-1", "aws-iso")]
    [InlineData("us-isob-east-1", "aws-iso-b")]
    [InlineData("us-isof-south-1", "aws-iso-f")]
    [InlineData("eu-isoe-west-1", "aws-iso-e")]
    [InlineData("eusc-de-east-1", "aws-eusc")]
    public void A_region_maps_to_its_partition(string region, string partition) =>
        Assert.Equal(partition, AwsPartition.OfRegion(region));

    [Theory]
    [InlineData("arn:aws:iam::210987654321:role/writer", "aws")]
    [InlineData("arn:aws-cn:iam::210987654321:role/writer", "aws-cn")]
    [InlineData("arn:aws-us-gov:iam::210987654321:role/writer", "aws-us-gov")]
    [InlineData("arn:aws-iso-b:iam::210987654321:role/writer", "aws-iso-b")]
    [InlineData("writer", null)]
    public void An_ARN_names_its_partition(string arn, string? partition) =>
        Assert.Equal(partition, AwsPartition.OfArn(arn));

    [Fact]
    public void Only_the_aws_partition_passes_and_the_refusal_says_why()
    {
        Assert.Null(AwsPartition.RegionProblem("eu-west-1"));
        Assert.Null(AwsPartition.ArnProblem("arn:aws:iam::210987654321:role/writer"));
        Assert.Null(AwsPartition.ArnProblem("not-an-arn"));
        Assert.Equal(
            "\"cn-north-1\" is in the aws-cn partition; ECR Public tokens come from the aws partition and one run signs with one partition's credentials",
            AwsPartition.RegionProblem("cn-north-1"));
    }

    [Fact]
    public void Every_partition_error_of_a_fleet_is_reported_at_once_with_its_path()
    {
        var errors = FleetJson.Errors(FleetJson.Document("""{"region": "cn-north-1", "roleArn": "arn:aws-us-gov:iam::210987654321:role/writer"}"""));

        Assert.Equal(
            [
                "clusters[0].region: \"cn-north-1\" is in the aws-cn partition; ECR Public tokens come from the aws partition and one run signs with one partition's credentials",
                "clusters[0].roleArn: \"arn:aws-us-gov:iam::210987654321:role/writer\" is in the aws-us-gov partition; ECR Public tokens come from the aws partition and one run signs with one partition's credentials",
            ],
            errors);
    }
}
