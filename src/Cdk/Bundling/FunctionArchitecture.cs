namespace EcrPublicLambda.Cdk.Bundling;

/// <summary>The CPU the function runs on (context <c>architecture</c>): the asset is published for it and the function declares it.</summary>
internal enum FunctionArchitecture
{
    /// <summary><c>x86_64</c>: runtime identifier linux-x64.</summary>
    X86_64,

    /// <summary><c>arm64</c> (Graviton): runtime identifier linux-arm64.</summary>
    Arm64,
}
