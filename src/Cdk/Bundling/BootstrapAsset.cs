using System.ComponentModel;
using System.Diagnostics;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK;
using EcrPublicLambda.Cdk.Common;
using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Cdk.Bundling;

/// <summary>
/// Builds the function's asset folder: publishes the Native AOT <c>bootstrap</c> from <c>src/Function</c> for the
/// target architecture and puts it beside the validated fleet as <c>clusters.json</c> (nothing else: no <c>.dbg</c>
/// symbols). Work folders are under <c>obj/cdk/</c> of the repository. When <paramref name="toolchain"/> cannot
/// publish for the target, CDK builds the same folder in a container (<see cref="FunctionBundling"/>).
/// </summary>
internal sealed class BootstrapAsset(string repositoryRoot, TextWriter progress, LocalToolchain toolchain)
{
    internal const string FunctionProject = "src/Function/Function.csproj";
    internal const string ExecutableName = "bootstrap";

    private const int MaxReportedLines = 20;

    internal string PublishDirectory => Path.Combine(repositoryRoot, "obj", "cdk", "publish");

    internal string AssetDirectory => Path.Combine(repositoryRoot, "obj", "cdk", "asset");

    /// <summary>
    /// The function's code: published and staged here when this machine can (CDK's local bundling then copies it),
    /// otherwise built by CDK in a container. Throws <see cref="AssetBuildException"/> when a local publish fails.
    /// </summary>
    internal Code Code(Fleet fleet, FunctionArchitecture target)
    {
        var reason = toolchain.CannotPublish(target);
        string? staged = null;
        if (reason is null)
        {
            staged = Build(fleet, target);
        }
        else
        {
            progress.WriteLine($"Cannot publish {FunctionArchitectures.RuntimeIdentifier(target)} here: {reason}.");
            progress.WriteLine($"CDK builds the function in a container of {FunctionBundling.Image} instead: Docker (or the runtime CDK_DOCKER names) must be running.");
        }

        return Amazon.CDK.AWS.Lambda.Code.FromAsset(repositoryRoot, new Amazon.CDK.AWS.S3.Assets.AssetOptions
        {
            AssetHashType = AssetHashType.OUTPUT,
            Exclude = [.. FunctionBundling.SourceExcludes],
            Bundling = FunctionBundling.Options(target, fleet, new StagedBundle(staged)),
        });
    }

    /// <summary>The asset builder for the repository that holds <paramref name="directory"/> (cdk runs the app from the root).</summary>
    internal static BootstrapAsset ForRepositoryContaining(string directory, TextWriter progress, LocalToolchain toolchain)
    {
        ArgumentNullException.ThrowIfNull(directory);
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            if (File.Exists(Path.Combine(current.FullName, FunctionProject)))
            {
                return new BootstrapAsset(current.FullName, progress, toolchain);
            }
        }

        throw new AssetBuildException($"cannot find {FunctionProject} in {directory} or above it: run cdk from the repository");
    }

    /// <summary>Publishes for <paramref name="target"/> and stages; returns the asset folder. Throws <see cref="AssetBuildException"/> saying what is missing.</summary>
    internal string Build(Fleet fleet, FunctionArchitecture target)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        var project = Path.Combine(repositoryRoot, FunctionProject);
        var rid = FunctionArchitectures.RuntimeIdentifier(target);
        progress.WriteLine($"Publishing {FunctionProject} (Native AOT, {rid}) to {PublishDirectory} ...");
        var (exitCode, output) = Run("dotnet", ["publish", project, "-c", "Release", "-r", rid, .. toolchain.CrossArguments(target), "-o", PublishDirectory, "-nologo"]);
        var executable = Path.Combine(PublishDirectory, ExecutableName);
        if (exitCode != 0 || !File.Exists(executable))
        {
            throw new AssetBuildException(DescribePublishFailure(exitCode, output, rid));
        }

        return Stage(executable, fleet);
    }

    /// <summary>Fills the asset folder with <paramref name="executable"/> as <c>bootstrap</c> and the fleet as <c>clusters.json</c>.</summary>
    internal string Stage(string executable, Fleet fleet)
    {
        ArgumentNullException.ThrowIfNull(executable);
        ArgumentNullException.ThrowIfNull(fleet);
        if (Directory.Exists(AssetDirectory))
        {
            Directory.Delete(AssetDirectory, recursive: true);
        }

        Directory.CreateDirectory(AssetDirectory);
        var target = Path.Combine(AssetDirectory, ExecutableName);
        File.Copy(executable, target);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        File.WriteAllText(Path.Combine(AssetDirectory, FleetFile.DefaultFileName), FleetDocument.Write(fleet));
        return AssetDirectory;
    }

    /// <summary>What a failed publish tells the user: the cause to fix first, then the build's own error lines.</summary>
    internal static string DescribePublishFailure(int exitCode, IReadOnlyList<string> output, string rid)
    {
        ArgumentNullException.ThrowIfNull(output);
        var errors = output.Where(line => line.Contains("error", StringComparison.OrdinalIgnoreCase)).Distinct().ToList();
        var shown = (errors.Count > 0 ? errors : output).TakeLast(MaxReportedLines);
        var hint = output.Any(line => line.Contains("clang", StringComparison.OrdinalIgnoreCase) || line.Contains("linker", StringComparison.OrdinalIgnoreCase))
            ? "the Native AOT toolchain is missing: install clang and zlib1g-dev (e.g. apt-get install clang zlib1g-dev)"
            : "Native AOT publishing needs the .NET 10 SDK, clang and zlib1g-dev";
        return $"""
            cannot build the function asset: `dotnet publish {FunctionProject} -c Release -r {rid}` failed (exit code {exitCode}).
            Likely cause: {hint}.
            {string.Join(System.Environment.NewLine, shown)}
            """;
    }

    private static (int ExitCode, IReadOnlyList<string> Output) Run(string fileName, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var output = new List<string>();
        try
        {
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => Collect(output, e.Data);
            process.ErrorDataReceived += (_, e) => Collect(output, e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (Win32Exception e)
        {
            throw new AssetBuildException($"cannot build the function asset: cannot run `{fileName}` ({e.Message}); install the .NET 10 SDK and put dotnet on PATH");
        }
    }

    private static void Collect(List<string> output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Add(line);
        }
    }
}
