using EcrPublicLambda.Tests.Architecture.Sample.Bottom;

namespace EcrPublicLambda.Tests.Architecture.Sample.Top;

/// <summary>A higher-layer type of the rule's own test: it uses the bottom folder, as it may.</summary>
internal sealed class SampleHigh
{
    internal static int Depth(SampleLow low) => low.Depth + 1;
}
