namespace EcrPublicLambda.Tests.EndToEnd;

/// <summary>Tests that measure real time: they run alone, never beside other tests, so a busy machine skews them less.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "Timing";
}
