using Amazon.CDK;
using EcrPublicLambda.Cdk.Common;
using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Cdk.Bundling;

/// <summary>
/// How CDK bundles the function's asset from the repository: locally through <see cref="StagedBundle"/> when this
/// machine published it, else in a container of <see cref="Image"/> (Docker, or the runtime named by
/// <c>CDK_DOCKER</c>) for the target's CPU. Amazon Linux 2023 has glibc 2.34, the same as the Lambda runtime
/// <c>provided.al2023</c>, so a binary linked there loads there. The container installs clang and zlib from the
/// distribution and the .NET SDK of <c>global.json</c> with dotnet-install, and builds from a copy of the sources
/// (the repository's own bin/obj folders are neither read nor written).
/// </summary>
internal static class FunctionBundling
{
    internal const string Image = "public.ecr.aws/amazonlinux/amazonlinux:2023";

    internal const string FleetVariable = "FLEET_JSON";

    /// <summary>What the asset's fingerprint leaves out: dependencies, build output, the CDK output, git.</summary>
    internal static readonly IReadOnlyList<string> SourceExcludes = [".git", "node_modules", "cdk.out", "artifacts", "**/bin", "**/obj", "**/TestResults"];

    internal static BundlingOptions Options(FunctionArchitecture target, Fleet fleet, ILocalBundling local) => new()
    {
        Image = DockerImage.FromRegistry(Image),
        Platform = target == FunctionArchitecture.Arm64 ? "linux/arm64" : "linux/amd64",
        // dnf needs root; the output is made readable by everyone.
        User = "root",
        Local = local,
        OutputType = BundlingOutput.NOT_ARCHIVED,
        Environment = new Dictionary<string, string>
        {
            // In the options, so a changed fleet is a changed bundle (CDK reuses a bundle of the same options and sources).
            [FleetVariable] = FleetDocument.Write(fleet),
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1",
            ["DOTNET_CLI_HOME"] = "/tmp/dotnet-home",
            ["NUGET_PACKAGES"] = "/tmp/nuget",
        },
        Command = ["bash", "-c", Script(target)],
    };

    internal static string Script(FunctionArchitecture target) => string.Join(" && ", new[]
    {
        "set -euo pipefail",
        "dnf install -y -q clang zlib-devel tar gzip findutils >/dev/null",
        "curl -sSfL https://dot.net/v1/dotnet-install.sh -o /tmp/dotnet-install.sh",
        "bash /tmp/dotnet-install.sh --jsonfile /asset-input/global.json --install-dir /tmp/dotnet >/dev/null",
        "mkdir -p /tmp/src",
        "tar -C /asset-input --exclude=./.git --exclude=./node_modules --exclude=./cdk.out --exclude=./artifacts --exclude=bin --exclude=obj -cf - . | tar -xf - -C /tmp/src",
        $"/tmp/dotnet/dotnet publish /tmp/src/{BootstrapAsset.FunctionProject} -c Release -r {FunctionArchitectures.RuntimeIdentifier(target)} -o /tmp/publish",
        $"install -m 755 /tmp/publish/{BootstrapAsset.ExecutableName} /asset-output/{BootstrapAsset.ExecutableName}",
        $"printf '%s' \"${FleetVariable}\" > /asset-output/{FleetFile.DefaultFileName}",
        $"chmod 644 /asset-output/{FleetFile.DefaultFileName}",
    });
}
