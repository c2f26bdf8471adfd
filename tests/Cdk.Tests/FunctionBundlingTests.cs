using Amazon.CDK.AWS.Lambda;
using Amazon.CDK;
using EcrPublicLambda.Cdk.Bundling;
using EcrPublicLambda.Cdk.Common;
using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Cdk.Tests;

public sealed class FunctionBundlingTests : IDisposable
{
    private static readonly Fleet OneCluster = new("ecr-public-token", false, [TestFleet.ProdEu]);

    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("cdk-tests-bundling-");

    public void Dispose() => work.Delete(recursive: true);

    /// <summary>A repository with the function project (enough for the asset's source fingerprint).</summary>
    private string Repository()
    {
        var root = Directory.CreateDirectory(Path.Combine(work.FullName, "repo")).FullName;
        Directory.CreateDirectory(Path.Combine(root, "src", "Function"));
        File.WriteAllText(Path.Combine(root, BootstrapAsset.FunctionProject), "<Project />");
        File.WriteAllText(Path.Combine(root, "global.json"), "{}");
        return root;
    }

    /// <summary>Synthesizes a stack whose function's code is <paramref name="code"/> of <paramref name="repository"/>; returns the asset folder.</summary>
    private string Synth(Func<string, Code> code, string repository)
    {
        var outdir = Path.Combine(work.FullName, "cdk.out");
        var app = new App(new AppProps
        {
            Outdir = outdir,
            Context = new Dictionary<string, object> { ["aws:cdk:enable-asset-metadata"] = true },
        });
        var stack = new Stack(app, "Bundled");
        _ = new Function(stack, "Function", new FunctionProps
        {
            Runtime = Runtime.PROVIDED_AL2023,
            Handler = "bootstrap",
            Code = code(repository),
        });
        app.Synth();
        var metadata = (IDictionary<string, object>)Amazon.CDK.Assertions.Template.FromStack(stack)
            .FindResources("AWS::Lambda::Function").Values.Single()["Metadata"];
        return Path.Combine(outdir, (string)metadata["aws:asset:path"]);
    }

    [Fact]
    public void Container_build_uses_amazon_linux_2023_for_the_target_cpu_and_publishes_for_its_rid()
    {
        var options = FunctionBundling.Options(FunctionArchitecture.Arm64, OneCluster, new StagedBundle(null));

        Assert.Equal("public.ecr.aws/amazonlinux/amazonlinux:2023", options.Image.Image);
        Assert.Equal("linux/arm64", options.Platform);
        Assert.Equal("root", options.User);
        Assert.Equal(BundlingOutput.NOT_ARCHIVED, options.OutputType);
        Assert.Equal(FleetDocument.Write(OneCluster), options.Environment!["FLEET_JSON"]);
        var script = Assert.Single(options.Command!.Skip(2));
        Assert.Equal(["bash", "-c"], options.Command!.Take(2));
        Assert.Contains("dnf install -y -q clang zlib-devel", script, StringComparison.Ordinal);
        Assert.Contains("dotnet-install.sh --jsonfile /asset-input/global.json", script, StringComparison.Ordinal);
        Assert.Contains("dotnet publish /tmp/src/src/Function/Function.csproj -c Release -r linux-arm64 -o /tmp/publish", script, StringComparison.Ordinal);
        Assert.Contains("install -m 755 /tmp/publish/bootstrap /asset-output/bootstrap", script, StringComparison.Ordinal);
        Assert.Contains("printf '%s' \"$FLEET_JSON\" > /asset-output/clusters.json", script, StringComparison.Ordinal);

        var x64 = FunctionBundling.Options(FunctionArchitecture.X86_64, OneCluster, new StagedBundle(null));
        Assert.Equal("linux/amd64", x64.Platform);
        Assert.Contains("-r linux-x64 ", x64.Command![2], StringComparison.Ordinal);
    }

    [Fact]
    public void Local_bundling_copies_what_this_machine_published_and_no_container_runs()
    {
        var staged = Directory.CreateDirectory(Path.Combine(work.FullName, "staged")).FullName;
        File.WriteAllText(Path.Combine(staged, "bootstrap"), "binary");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(staged, "bootstrap"), (UnixFileMode)0b111_101_101);
        }

        File.WriteAllText(Path.Combine(staged, "clusters.json"), FleetDocument.Write(OneCluster));

        var asset = Synth(
            repository => Code.FromAsset(repository, new Amazon.CDK.AWS.S3.Assets.AssetOptions
            {
                AssetHashType = AssetHashType.OUTPUT,
                Bundling = FunctionBundling.Options(FunctionArchitecture.X86_64, OneCluster, new StagedBundle(staged)),
            }),
            Repository());

        Assert.Equal(["bootstrap", "clusters.json"], Directory.GetFiles(asset).Select(Path.GetFileName).Order());
        Assert.Equal("binary", File.ReadAllText(Path.Combine(asset, "bootstrap")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.True(File.GetUnixFileMode(Path.Combine(asset, "bootstrap")).HasFlag(UnixFileMode.OtherExecute));
        }
    }

    [Fact]
    public void A_machine_that_cannot_publish_falls_back_to_the_container_and_says_so()
    {
        var progress = new StringWriter();
        var macOs = new LocalToolchain(false, System.Runtime.InteropServices.Architecture.Arm64, _ => true);
        var repository = Repository();
        var asset = new BootstrapAsset(repository, progress, macOs);

        // The tests' container runtime does not exist (NoContainerRuntime): CDK's failed attempt to start it is the
        // proof that it chose the container.
        var e = Assert.ThrowsAny<Exception>(() => Synth(_ => asset.Code(OneCluster, FunctionArchitecture.Arm64), repository));

        Assert.Contains(NoContainerRuntime.Program, e.Message, StringComparison.Ordinal);
        Assert.Contains("Cannot publish linux-arm64 here: Native AOT builds a Linux binary only on Linux.", progress.ToString(), StringComparison.Ordinal);
        Assert.Contains("public.ecr.aws/amazonlinux/amazonlinux:2023", progress.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(asset.AssetDirectory));
    }
}
