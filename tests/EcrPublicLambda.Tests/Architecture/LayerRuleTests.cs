using EcrPublicLambda.Tests.Architecture.Sample.Bottom;

namespace EcrPublicLambda.Tests.Architecture;

/// <summary>
/// The test of the test: the same <see cref="LayerRule"/> over the small sample folders of this assembly, where the
/// bottom folder uses the top one on purpose, must report exactly that.
/// </summary>
public sealed class LayerRuleTests
{
    private const string SampleRoot = "EcrPublicLambda.Tests.Architecture.Sample";

    [Fact]
    public void A_lower_folder_that_uses_a_higher_one_is_reported_by_type_and_folder()
    {
        var rule = new LayerRule(typeof(SampleLow).Assembly, SampleRoot, [["Top"], ["Bottom"]]);

        Assert.Equal([$"{typeof(SampleLow).FullName} -> Top"], rule.Violations());
    }

    [Fact]
    public void Two_folders_that_use_each_other_are_a_cycle()
    {
        var rule = new LayerRule(typeof(SampleLow).Assembly, SampleRoot, [["Top"], ["Bottom"]]);

        Assert.Contains(rule.Cycle(), new[] { "Top -> Bottom -> Top", "Bottom -> Top -> Bottom" });
    }

    [Fact]
    public void Folders_side_by_side_may_not_use_each_other()
    {
        var rule = new LayerRule(typeof(SampleLow).Assembly, SampleRoot, [["Top", "Bottom"]]);

        Assert.Contains($"{typeof(SampleLow).FullName} -> Top", rule.Violations());
    }

    [Fact]
    public void The_same_folders_layered_the_other_way_round_only_break_the_other_use()
    {
        var rule = new LayerRule(typeof(SampleLow).Assembly, SampleRoot, [["Bottom"], ["Top"]]);

        Assert.Equal([$"{typeof(Sample.Top.SampleHigh).FullName} -> Bottom"], rule.Violations());
    }

    [Fact]
    public void A_folder_without_a_layer_is_reported()
    {
        var rule = new LayerRule(typeof(SampleLow).Assembly, SampleRoot, [["Top"]]);

        Assert.Equal(["Bottom"], rule.Unplaced());
    }
}
