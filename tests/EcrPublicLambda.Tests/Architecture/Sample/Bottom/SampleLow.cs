using EcrPublicLambda.Tests.Architecture.Sample.Top;

namespace EcrPublicLambda.Tests.Architecture.Sample.Bottom;

/// <summary>A lower-layer type of the rule's own test that uses the top folder on purpose: the bad dependency the rule must report.</summary>
internal sealed class SampleLow
{
    internal int Depth { get; init; }

    internal static SampleHigh? Above() => null;
}
