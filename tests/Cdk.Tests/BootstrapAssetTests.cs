using EcrPublicLambda.Cdk.Bundling;
using EcrPublicLambda.Cdk.Common;
using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Cdk.Tests;

public sealed class BootstrapAssetTests : IDisposable
{
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("cdk-tests-repo-");

    public void Dispose() => root.Delete(recursive: true);

    private string FakeRepository(string project = "<Project />")
    {
        Directory.CreateDirectory(Path.Combine(root.FullName, "src", "Function"));
        File.WriteAllText(Path.Combine(root.FullName, BootstrapAsset.FunctionProject), project);
        return root.FullName;
    }

    [Fact]
    public void Repository_is_found_from_a_folder_inside_it()
    {
        var inside = Directory.CreateDirectory(Path.Combine(FakeRepository(), "src", "Cdk")).FullName;

        var asset = BootstrapAsset.ForRepositoryContaining(inside, TextWriter.Null, LocalToolchain.Current);

        Assert.Equal(Path.Combine(root.FullName, "obj", "cdk", "asset"), asset.AssetDirectory);
    }

    [Fact]
    public void Outside_a_repository_the_error_names_the_missing_project()
    {
        var e = Assert.Throws<AssetBuildException>(() => BootstrapAsset.ForRepositoryContaining(root.FullName, TextWriter.Null, LocalToolchain.Current));

        Assert.Contains("cannot find src/Function/Function.csproj", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Staged_asset_holds_the_executable_bootstrap_and_clusters_json_only()
    {
        var asset = new BootstrapAsset(FakeRepository(), TextWriter.Null, LocalToolchain.Current);
        var published = Directory.CreateDirectory(asset.PublishDirectory).FullName;
        File.WriteAllText(Path.Combine(published, "bootstrap"), "binary");
        File.WriteAllText(Path.Combine(published, "bootstrap.dbg"), "symbols");
        Directory.CreateDirectory(asset.AssetDirectory);
        File.WriteAllText(Path.Combine(asset.AssetDirectory, "stale.txt"), "from an earlier synth");
        var fleet = new Fleet("ecr-public-token", false, [TestFleet.ProdEu]);

        var directory = asset.Stage(Path.Combine(published, "bootstrap"), fleet);

        Assert.Equal(["bootstrap", "clusters.json"], Directory.GetFiles(directory).Select(Path.GetFileName).Order());
        Assert.Equal(FleetDocument.Write(fleet), File.ReadAllText(Path.Combine(directory, "clusters.json")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.True(File.GetUnixFileMode(Path.Combine(directory, "bootstrap")).HasFlag(UnixFileMode.OtherExecute));
        }
    }

    [Fact]
    public void Failed_publish_says_what_failed_and_what_is_missing()
    {
        var asset = new BootstrapAsset(FakeRepository("this is not a project file"), TextWriter.Null, LocalToolchain.Current);

        var e = Assert.Throws<AssetBuildException>(() => asset.Build(new Fleet("ecr-public-token", false, [TestFleet.ProdEu]), FunctionArchitecture.X86_64));

        Assert.StartsWith("cannot build the function asset: `dotnet publish src/Function/Function.csproj -c Release -r linux-x64` failed (exit code 1)", e.Message, StringComparison.Ordinal);
        Assert.Contains("error MSB4025", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(asset.AssetDirectory));
    }

    [Fact]
    public void Missing_native_toolchain_is_named_as_the_cause()
    {
        var message = BootstrapAsset.DescribePublishFailure(1,
        [
            "  Generating native code",
            "/root/.nuget/packages/microsoft.dotnet.ilcompiler/10.0.0/build/Microsoft.NETCore.Native.Unix.targets(225,5): error : Platform linker ('clang') not found in PATH. Try installing clang or the appropriate package for your platform to resolve the problem.",
        ], "linux-x64");

        Assert.Contains("Likely cause: the Native AOT toolchain is missing: install clang and zlib1g-dev", message, StringComparison.Ordinal);
        Assert.Contains("error : Platform linker ('clang') not found in PATH", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Generating native code", message, StringComparison.Ordinal);
    }
}
