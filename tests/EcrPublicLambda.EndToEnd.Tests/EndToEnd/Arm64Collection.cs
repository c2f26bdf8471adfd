namespace EcrPublicLambda.Tests.EndToEnd;

/// <summary>The arm64 tests share one cross-published bootstrap.</summary>
[CollectionDefinition(Name)]
public sealed class Arm64Collection : ICollectionFixture<PublishedArm64Bootstrap>
{
    public const string Name = "arm64 bootstrap";
}
