using Amazon.CDK.AWS.Lambda;

namespace EcrPublicLambda.Cdk.Bundling;

/// <summary>The names one <see cref="FunctionArchitecture"/> has in context, in Lambda, in .NET and in the cross toolchain.</summary>
internal static class FunctionArchitectures
{
    internal const string ContextKey = "architecture";

    internal static FunctionArchitecture? Parse(string? name) => name switch
    {
        null or "x86_64" => FunctionArchitecture.X86_64,
        "arm64" => FunctionArchitecture.Arm64,
        _ => null,
    };

    /// <summary>The context / Lambda name: <c>x86_64</c> or <c>arm64</c>.</summary>
    internal static string Name(FunctionArchitecture architecture) => architecture == FunctionArchitecture.Arm64 ? "arm64" : "x86_64";

    internal static Architecture Lambda(FunctionArchitecture architecture) =>
        architecture == FunctionArchitecture.Arm64 ? Architecture.ARM_64 : Architecture.X86_64;

    /// <summary>The .NET runtime identifier to publish for.</summary>
    internal static string RuntimeIdentifier(FunctionArchitecture architecture) => architecture == FunctionArchitecture.Arm64 ? "linux-arm64" : "linux-x64";

    /// <summary>The process architecture that publishes this target natively (no cross toolchain).</summary>
    internal static System.Runtime.InteropServices.Architecture Native(FunctionArchitecture architecture) =>
        architecture == FunctionArchitecture.Arm64 ? System.Runtime.InteropServices.Architecture.Arm64 : System.Runtime.InteropServices.Architecture.X64;
}
