using System.Runtime.Versioning;

namespace EcrPublicLambda.Tests.EndToEnd;

/// <summary>The linux-arm64 bootstrap (context <c>architecture=arm64</c>) is an aarch64 executable that runs: under qemu-user here.</summary>
[Collection(Arm64Collection.Name)]
[SupportedOSPlatform("linux")]
public sealed class Arm64BootstrapTests(PublishedArm64Bootstrap bootstrap) : IDisposable
{
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("arm64-bootstrap-");

    public void Dispose() => work.Delete(recursive: true);

    [Fact]
    public void Bootstrap_is_an_aarch64_executable_that_loads_on_provided_al2023()
    {
        var image = ElfImage.Read(bootstrap.Executable);

        Assert.Equal(ElfImage.Aarch64, image.Machine);
        Assert.Contains("libc.so.6", image.Needed);
        Assert.True(LambdaLoadability.Problems(image).Count == 0,
            $"{LambdaLoadability.Describe(image)}:\n{string.Join('\n', LambdaLoadability.Problems(image))}");
    }

    [Fact]
    public async Task Bootstrap_prints_its_version_under_qemu()
    {
        var run = await bootstrap.RunAsync("--version");

        Assert.True(run.ExitCode == 0, run.Tail());
        Assert.Matches(@"^bootstrap \d+\.\d+\.\d+\s*$", run.StandardOutput);
    }

    [Fact]
    public async Task Bootstrap_validates_a_fleet_under_qemu_and_refuses_a_bad_one()
    {
        var good = Path.Combine(work.FullName, "clusters.json");
        await File.WriteAllTextAsync(good, """{"clusters": [{"name": "prod-eu", "region": "eu-west-1", "namespaces": ["default", "monitoring"]}]}""");
        var bad = Path.Combine(work.FullName, "bad.json");
        await File.WriteAllTextAsync(bad, """{"clusters": [{"name": "a", "region": "Europe", "namespaces": ["default"]}]}""");

        var ok = await bootstrap.RunAsync("validate", "--config", good);
        var refused = await bootstrap.RunAsync("validate", "--config", bad);

        Assert.True(ok.ExitCode == 0, ok.Tail());
        Assert.StartsWith("ok: 1 cluster, 2 namespaces", ok.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("clusters[0].region", refused.StandardError, StringComparison.Ordinal);
    }
}
