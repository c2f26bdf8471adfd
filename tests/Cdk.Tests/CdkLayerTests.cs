using EcrPublicLambda.Cdk.Settings;
using EcrPublicLambda.Tests.Architecture;

namespace EcrPublicLambda.Cdk.Tests;

/// <summary>
/// The folders of the CDK app (docs/architecture.md): <c>Program</c> composes at the root; the stacks declare; the
/// settings read the context; access, lifecycle, schedule and bundling are concerns side by side; Common holds what
/// they all share (the fleet document, cdk-nag acknowledgements). A folder uses only folders below it.
/// </summary>
public sealed class CdkLayerTests
{
    internal static readonly IReadOnlyList<IReadOnlyList<string>> CdkLayers =
    [
        ["Stacks"],
        ["Settings"],
        ["Access", "Lifecycle", "Schedule", "Bundling"],
        ["Common"],
    ];

    private static readonly LayerRule Cdk = new(typeof(DeploymentSettings).Assembly, "EcrPublicLambda.Cdk", CdkLayers);

    [Fact]
    public void No_folder_of_the_CDK_app_uses_a_folder_above_it_or_beside_it()
    {
        Assert.Empty(Cdk.Violations());
    }

    [Fact]
    public void Every_folder_of_the_CDK_app_has_a_layer()
    {
        Assert.Empty(Cdk.Unplaced());
    }

    [Fact]
    public void The_folders_of_the_CDK_app_have_no_cycle()
    {
        Assert.Null(Cdk.Cycle());
    }

    [Fact]
    public void The_rule_sees_the_real_uses_when_the_stacks_are_put_below_the_settings()
    {
        var wrong = new LayerRule(typeof(DeploymentSettings).Assembly, "EcrPublicLambda.Cdk", [["Settings"], ["Stacks"], ["Access", "Lifecycle", "Schedule", "Bundling"], ["Common"]]);

        Assert.Contains(wrong.Violations(), violation => violation.StartsWith("EcrPublicLambda.Cdk.Stacks.", StringComparison.Ordinal) && violation.EndsWith("-> Settings", StringComparison.Ordinal));
    }
}
