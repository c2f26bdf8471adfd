using System.Text.RegularExpressions;

namespace EcrPublicLambda.Aws;

/// <summary>The shapes AWS accepts for the names the CLI takes: EKS cluster name, region, IAM role ARN.</summary>
internal static partial class AwsNames
{
    /// <summary>1–100 characters; letters, digits, <c>-</c> and <c>_</c>; starts with a letter or digit.</summary>
    internal static bool IsClusterName(string value) => ClusterName().IsMatch(value);

    /// <summary>e.g. <c>eu-west-1</c>, <c>ap-southeast-4</c>, <c>us-gov-west-1</c>.</summary>
    internal static bool IsRegion(string value) => Region().IsMatch(value);

    /// <summary><c>arn:&lt;partition&gt;:iam::&lt;12 digits&gt;:role/[path/]name</c>.</summary>
    internal static bool IsRoleArn(string value) => RoleArn().IsMatch(value);

    [GeneratedRegex(@"^[0-9A-Za-z][0-9A-Za-z_-]{0,99}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ClusterName();

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Region();

    [GeneratedRegex(@"^arn:aws(-[a-z]+)*:iam::[0-9]{12}:role/([\w+=,.@-]+/)*[\w+=,.@-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex RoleArn();
}
