using System.Runtime.InteropServices;

namespace EcrPublicLambda.Cdk.Bundling;

/// <summary>
/// Whether this machine can publish the Native AOT <c>bootstrap</c> for a Lambda architecture itself. Native AOT
/// compiles for Linux only on Linux; for the machine's own CPU it needs clang (or gcc), for the other CPU clang, lld
/// and that CPU's binutils (objcopy) and C library (its gcc). When it cannot, the asset is built in a container.
/// </summary>
internal sealed class LocalToolchain(bool isLinux, Architecture machine, Func<string, bool> onPath)
{
    /// <summary>This process's machine: its OS, its CPU, and its PATH.</summary>
    internal static LocalToolchain Current { get; } = new(OperatingSystem.IsLinux(), RuntimeInformation.OSArchitecture, OnPath);

    /// <summary>Null when this machine can publish for <paramref name="target"/>; otherwise why not.</summary>
    internal string? CannotPublish(FunctionArchitecture target)
    {
        if (!isLinux)
        {
            return "Native AOT builds a Linux binary only on Linux";
        }

        // ILCompiler links with clang, or with gcc when clang is absent; a cross build needs clang (--target) and lld.
        var missing = IsCross(target)
            ? CrossTools(target).Where(tool => !onPath(tool)).ToList()
            : onPath("clang") || onPath("gcc") ? [] : ["clang"];
        return missing.Count == 0
            ? null
            : $"the Native AOT toolchain for {FunctionArchitectures.RuntimeIdentifier(target)} is missing here ({string.Join(", ", missing)} not on PATH)";
    }

    /// <summary>The publish arguments beyond <c>-r</c>: a cross build links with lld and strips with the target's objcopy.</summary>
    internal IReadOnlyList<string> CrossArguments(FunctionArchitecture target) =>
        IsCross(target) ? ["-p:LinkerFlavor=lld", $"-p:ObjCopyName={CrossPrefix(target)}-objcopy"] : [];

    private bool IsCross(FunctionArchitecture target) => machine != FunctionArchitectures.Native(target);

    private static string[] CrossTools(FunctionArchitecture target) =>
        ["clang", "ld.lld", $"{CrossPrefix(target)}-objcopy", $"{CrossPrefix(target)}-gcc"];

    private static string CrossPrefix(FunctionArchitecture target) => target == FunctionArchitecture.Arm64 ? "aarch64-linux-gnu" : "x86_64-linux-gnu";

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, tool)));
}
