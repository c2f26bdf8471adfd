using EcrPublicLambda.Cdk.Settings;
namespace EcrPublicLambda.Cdk.Tests;

/// <summary>The edit-policy deployment placed in an existing VPC (two subnets, one security group).</summary>
public sealed class VpcDeployment() : SynthesizedDeployment(EditPolicyDeployment.Defaults with
{
    Vpc = new VpcPlacement(VpcStackTests.VpcId, [VpcStackTests.SubnetA, VpcStackTests.SubnetB], [VpcStackTests.SecurityGroup]),
});
