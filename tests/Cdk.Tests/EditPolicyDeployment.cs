using EcrPublicLambda.Cdk.Access;
using EcrPublicLambda.Cdk.Schedule;
using EcrPublicLambda.Cdk.Settings;
namespace EcrPublicLambda.Cdk.Tests;

/// <summary>Default access mode, region known (eu-west-1), alarm e-mail given, default schedule.</summary>
public sealed class EditPolicyDeployment() : SynthesizedDeployment(Defaults)
{
    internal static DeploymentSettings Defaults => new(
        TestFleet.All,
        DeploymentSettings.DefaultStackName,
        ScheduleExpression.TryParse(ScheduleExpression.Default, ScheduleExpressionTests.SynthDate, out _)!,
        "ops@example.com",
        AccessMode.EditPolicy,
        Account: null,
        Region: "eu-west-1");
}
