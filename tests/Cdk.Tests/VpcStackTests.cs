using Amazon.CDK.Assertions;
using EcrPublicLambda.Cdk.Settings;
using static EcrPublicLambda.Cdk.Tests.TemplateJson;

namespace EcrPublicLambda.Cdk.Tests;

/// <summary>The function in an existing VPC: its VpcConfig, the role's ENI permissions, and nothing created or changed in the VPC.</summary>
public sealed class VpcStackTests(VpcDeployment deployment, EditPolicyDeployment plain) : IClassFixture<VpcDeployment>, IClassFixture<EditPolicyDeployment>
{
    internal const string VpcId = "vpc-0123456789abcdef0";
    internal const string SubnetA = "subnet-0aaaaaaaaaaaaaaaa";
    internal const string SubnetB = "subnet-0bbbbbbbbbbbbbbbb";
    internal const string SecurityGroup = "sg-0cccccccccccccccc";

    private readonly Template main = deployment.Main;

    [Fact]
    public void The_function_runs_in_the_given_subnets_with_the_given_security_groups()
    {
        var subnets = new Capture();
        main.HasResourceProperties("AWS::Lambda::Function", Obj(
            ("VpcConfig", Match.ObjectEquals(Obj(
                ("SubnetIds", subnets),
                ("SecurityGroupIds", new[] { SecurityGroup })))),
            ("Runtime", "provided.al2023")));
        Assert.Equal([SubnetA, SubnetB], subnets.AsArray().Select(id => (string)id));
    }

    [Fact]
    public void Nothing_is_created_or_changed_in_the_VPC_and_synth_made_no_lookup()
    {
        foreach (var type in new[] { "AWS::EC2::VPC", "AWS::EC2::Subnet", "AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress" })
        {
            main.ResourceCountIs(type, 0);
        }

        Assert.DoesNotContain(deployment.Stacks.Main.Node.Metadata, entry => entry.Type == "aws:cdk:missing-context");
        Assert.DoesNotContain(VpcId, main.ToJSON().ToString() ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public void The_role_may_manage_the_functions_network_interfaces_and_the_function_waits_for_it()
    {
        var statements = new Capture();
        main.HasResourceProperties("AWS::IAM::Policy", Obj(("PolicyDocument", Obj(("Statement", statements)))));
        var all = statements.AsArray().Cast<IDictionary<string, object>>().ToList();
        var eni = Assert.Single(all, s => (string)s["Sid"] == "VpcNetworkInterfaces");
        Assert.Equal(VpcPlacement.NetworkInterfaceActions, ((object[])eni["Action"]).Cast<string>());
        Assert.Equal("*", eni["Resource"]);
        Assert.DoesNotContain(all, s => s["Action"] is string action && action.StartsWith("logs:*", StringComparison.Ordinal));
        main.HasResourceProperties("AWS::IAM::Role", Obj(("ManagedPolicyArns", Match.Absent())));

        // The function is created only once its role may attach it to the subnets.
        var policy = DefaultPolicyId(main);
        var function = Assert.Single(main.FindResources("AWS::Lambda::Function")).Value;
        Assert.Contains(policy, ((object[])function["DependsOn"]).Cast<string>());
    }

    [Fact]
    public void Without_VPC_context_the_function_has_no_VpcConfig_and_the_role_no_EC2_permission()
    {
        plain.Main.HasResourceProperties("AWS::Lambda::Function", Obj(("VpcConfig", Match.Absent())));
        Assert.DoesNotContain("ec2:", plain.Main.ToJSON().ToString() ?? string.Empty, StringComparison.Ordinal);
    }
}
