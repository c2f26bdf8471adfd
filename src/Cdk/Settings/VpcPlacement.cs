using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Constructs;
using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Cdk.Settings;

/// <summary>
/// Where the function runs when it must reach private EKS endpoints: an existing VPC, given as context
/// <c>vpcId</c>, <c>vpcSubnetIds</c> and <c>securityGroupIds</c> (all three, or none). The VPC, subnets and security
/// groups are imported by id (<c>Vpc.FromVpcAttributes</c>, <c>Subnet.FromSubnetId</c>,
/// <c>SecurityGroup.FromSecurityGroupId</c>): no lookup, so synth stays offline, and nothing in them is changed.
/// </summary>
internal sealed partial record VpcPlacement(string VpcId, IReadOnlyList<string> SubnetIds, IReadOnlyList<string> SecurityGroupIds)
{
    internal const string VpcIdKey = "vpcId";
    internal const string SubnetIdsKey = "vpcSubnetIds";
    internal const string SecurityGroupIdsKey = "securityGroupIds";

    /// <summary>
    /// The ENI permissions Lambda needs from the function's role to attach it to the subnets (those of the AWS managed
    /// policy <c>AWSLambdaVPCAccessExecutionRole</c>, without its <c>logs:*</c> on every log group).
    /// </summary>
    internal static readonly IReadOnlyList<string> NetworkInterfaceActions =
    [
        "ec2:CreateNetworkInterface",
        "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeSubnets",
        "ec2:DeleteNetworkInterface",
        "ec2:AssignPrivateIpAddresses",
        "ec2:UnassignPrivateIpAddresses",
    ];

    /// <summary>Reads the three keys; null when none is given. Problems go to <paramref name="errors"/> with their paths.</summary>
    internal static VpcPlacement? FromContext(Func<string, object?> context, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(errors);
        var (vpcValue, subnetsValue, groupsValue) = (context(VpcIdKey), context(SubnetIdsKey), context(SecurityGroupIdsKey));
        if (vpcValue is null && subnetsValue is null && groupsValue is null)
        {
            return null;
        }

        var before = errors.Count;
        var present = new[] { (VpcIdKey, vpcValue), (SubnetIdsKey, subnetsValue), (SecurityGroupIdsKey, groupsValue) };
        var given = string.Join(", ", present.Where(p => p.Item2 is not null).Select(p => p.Item1));
        foreach (var (key, _) in present.Where(p => p.Item2 is null))
        {
            errors.Add($"{key}: required when {given} {(given.Contains(',', StringComparison.Ordinal) ? "are" : "is")} set (give {VpcIdKey}, {SubnetIdsKey} and {SecurityGroupIdsKey} together, or none)");
        }

        string? vpcId = null;
        if (vpcValue is not null)
        {
            vpcId = vpcValue as string;
            if (vpcId is null || !IdPattern("vpc").IsMatch(vpcId))
            {
                errors.Add($"{VpcIdKey}: {Quote(vpcValue)} is not a VPC id (vpc- and 8 or 17 hex digits)");
            }
        }

        var subnets = subnetsValue is null ? [] : ReadIds(subnetsValue, SubnetIdsKey, "subnet", "a subnet id", errors);
        var groups = groupsValue is null ? [] : ReadIds(groupsValue, SecurityGroupIdsKey, "sg", "a security group id", errors);
        return errors.Count == before ? new VpcPlacement(vpcId!, subnets, groups) : null;
    }

    /// <summary>Imports the VPC, subnets and security groups into <paramref name="scope"/> (no lookup) for the function's props.</summary>
    internal (IVpc Vpc, SubnetSelection Subnets, ISecurityGroup[] SecurityGroups) Import(Construct scope)
    {
        // The region's zones as a token: nothing here selects subnets by zone, and the template never names them.
        var vpc = Vpc.FromVpcAttributes(scope, "Vpc", new VpcAttributes { VpcId = VpcId, AvailabilityZones = Amazon.CDK.Fn.GetAzs() });
        var subnets = new SubnetSelection { Subnets = [.. SubnetIds.Select((id, i) => Subnet.FromSubnetId(scope, $"Subnet{i + 1}", id))] };

        // Not mutable: the stack adds no rule to a security group it does not own.
        var groups = SecurityGroupIds
            .Select((id, i) => SecurityGroup.FromSecurityGroupId(scope, $"SecurityGroup{i + 1}", id, new SecurityGroupImportOptions { Mutable = false }))
            .ToArray();
        return (vpc, subnets, groups);
    }

    /// <summary>The role statement that lets Lambda attach the function's network interfaces (these EC2 actions take no narrower resource here).</summary>
    internal static PolicyStatement NetworkInterfaceStatement() => new(new PolicyStatementProps
    {
        Sid = "VpcNetworkInterfaces",
        Actions = [.. NetworkInterfaceActions],
        Resources = ["*"],
    });

    /// <summary>A list: a JSON array (context from cdk.json, or <c>-c key='["a","b"]'</c>) or a comma-separated string (<c>-c key=a,b</c>).</summary>
    private static List<string> ReadIds(object value, string key, string prefix, string what, List<string> errors)
    {
        List<object?> items;
        if (value is string text)
        {
            if (text.TrimStart().StartsWith('['))
            {
                try
                {
                    using var document = JsonDocument.Parse(text);
                    items = [.. document.RootElement.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? (object?)e.GetString() : e.GetRawText())];
                }
                catch (Exception e) when (e is JsonException or InvalidOperationException)
                {
                    errors.Add($"{key}: is not a JSON array of strings or a comma-separated list");
                    return [];
                }
            }
            else
            {
                items = [.. text.Split(',').Select(part => (object?)part.Trim())];
            }
        }
        else if (value is IEnumerable list)
        {
            items = [.. list.Cast<object?>()];
        }
        else
        {
            errors.Add($"{key}: must be a list of ids");
            return [];
        }

        if (items.Count == 0)
        {
            errors.Add($"{key}: at least one id is required");
        }

        var ids = new List<string>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var path = JsonPath.Index(key, i);
            if (items[i] is not string id || !IdPattern(prefix).IsMatch(id))
            {
                errors.Add($"{path}: {Quote(items[i])} is not {what} ({prefix}- and 8 or 17 hex digits)");
            }
            else if (seen.TryGetValue(id, out var first))
            {
                errors.Add($"{path}: duplicate {Quote(id)} (same as {JsonPath.Index(key, first)})");
            }
            else
            {
                seen[id] = i;
                ids.Add(id);
            }
        }

        return ids;
    }

    private static string Quote(object? value) => JsonPath.Quote(value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null");

    private static Regex IdPattern(string prefix) => prefix switch
    {
        "vpc" => VpcIdPattern(),
        "subnet" => SubnetIdPattern(),
        _ => SecurityGroupIdPattern(),
    };

    [GeneratedRegex("^vpc-([0-9a-f]{8}|[0-9a-f]{17})$", RegexOptions.CultureInvariant)]
    private static partial Regex VpcIdPattern();

    [GeneratedRegex("^subnet-([0-9a-f]{8}|[0-9a-f]{17})$", RegexOptions.CultureInvariant)]
    private static partial Regex SubnetIdPattern();

    [GeneratedRegex("^sg-([0-9a-f]{8}|[0-9a-f]{17})$", RegexOptions.CultureInvariant)]
    private static partial Regex SecurityGroupIdPattern();
}
