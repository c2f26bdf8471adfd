namespace EcrPublicLambda.Cdk.Bundling;

/// <summary>The bootstrap asset could not be built; the message says what is missing.</summary>
internal sealed class AssetBuildException(string message) : Exception(message);
