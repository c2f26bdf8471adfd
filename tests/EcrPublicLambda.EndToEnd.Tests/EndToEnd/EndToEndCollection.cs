namespace EcrPublicLambda.Tests.EndToEnd;

/// <summary>The end-to-end tests share one published bootstrap.</summary>
[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<PublishedBootstrap>
{
    public const string Name = "End to end";
}
