using System.Text.RegularExpressions;

namespace EcrPublicLambda.Configuration;

/// <summary>
/// The AWS partition of a region or an ARN, by the region patterns the AWS SDKs use (<c>partitions.json</c>):
/// <c>cn-*</c> is aws-cn, <c>us-gov-*</c> aws-us-gov, <c>us-iso-*</c> aws-iso, <c>us-isob-*</c> aws-iso-b,
/// <c>us-isof-*</c> aws-iso-f, <c>eu-isoe-*</c> aws-iso-e, <c>eusc-*</c> aws-eusc, every other region aws.
/// ECR Public lives in the aws partition only (us-east-1), and one run signs with one partition's credentials, so a
/// cluster or role of another partition can never be refreshed by the same run: the fleet and the deployment
/// refuse them with <see cref="Problem"/>.
/// </summary>
public static partial class AwsPartition
{
    /// <summary>The partition ECR Public (and so every run) lives in.</summary>
    public const string EcrPublic = "aws";

    /// <summary>The partition of a well-formed region code.</summary>
    public static string OfRegion(string region)
    {
        ArgumentNullException.ThrowIfNull(region);
        return region switch
        {
            _ when region.StartsWith("cn-", StringComparison.Ordinal) => "aws-cn",
            _ when region.StartsWith("us-gov-", StringComparison.Ordinal) => "aws-us-gov",
            _ when region.StartsWith("us-isob-", StringComparison.Ordinal) => "aws-iso-b",
            _ when region.StartsWith("us-isof-", StringComparison.Ordinal) => "aws-iso-f",
            _ when region.StartsWith("us-iso-", StringComparison.Ordinal) => "aws-iso",
            _ when region.StartsWith("eu-isoe-", StringComparison.Ordinal) => "aws-iso-e",
            _ when region.StartsWith("eusc-", StringComparison.Ordinal) => "aws-eusc",
            _ => EcrPublic,
        };
    }

    /// <summary>The partition an ARN names (<c>arn:PARTITION:…</c>), or null when it is not an ARN.</summary>
    public static string? OfArn(string arn)
    {
        ArgumentNullException.ThrowIfNull(arn);
        var match = ArnPattern().Match(arn);
        return match.Success ? match.Groups[1].Value : null;
    }

    /// <summary>Null for a region of the aws partition; else why a run cannot use it (the value quoted).</summary>
    public static string? RegionProblem(string region) =>
        Problem(region, OfRegion(region));

    /// <summary>Null for an ARN of the aws partition (or not an ARN: the format rule reports that); else why a run cannot use it.</summary>
    public static string? ArnProblem(string arn) =>
        OfArn(arn) is { } partition ? Problem(arn, partition) : null;

    private static string? Problem(string value, string partition) =>
        partition == EcrPublic
            ? null
            : $"{JsonPath.Quote(value)} is in the {partition} partition; ECR Public tokens come from the {EcrPublic} partition and one run signs with one partition's credentials";

    [GeneratedRegex(@"^arn:(aws(?:-[a-z]+)*):", RegexOptions.CultureInvariant)]
    private static partial Regex ArnPattern();
}
