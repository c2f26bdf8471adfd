using EcrPublicLambda.Cdk.Access;
using EcrPublicLambda.Cdk.Bundling;
using EcrPublicLambda.Cdk.Schedule;
using EcrPublicLambda.Cdk.Settings;
namespace EcrPublicLambda.Cdk.Tests;

/// <summary>Access mode rbac, env-agnostic (no region known at synth), no alarm e-mail, a 30-minute schedule, arm64, WARN logs.</summary>
public sealed class RbacDeployment() : SynthesizedDeployment(new DeploymentSettings(
    TestFleet.All,
    "Refresher",
    ScheduleExpression.TryParse("rate(30 minutes)", ScheduleExpressionTests.SynthDate, out _)!,
    AlarmEmail: null,
    AccessMode.Rbac,
    Account: null,
    Region: null)
{
    Architecture = FunctionArchitecture.Arm64,
    LogLevel = "WARN",
    SystemLogLevel = "DEBUG",
});
