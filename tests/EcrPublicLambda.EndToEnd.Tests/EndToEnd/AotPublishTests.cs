using System.Runtime.Versioning;
using System.Text.RegularExpressions;

namespace EcrPublicLambda.Tests.EndToEnd;

/// <summary>
/// What <c>dotnet publish src/Function -c Release</c> leaves: a Native AOT linux-x64 executable named <c>bootstrap</c>,
/// built with invariant globalization (the provided.al2023 image has no ICU), and a publish without any trimming or
/// AOT warning.
/// </summary>
[Collection(EndToEndCollection.Name)]
[SupportedOSPlatform("linux")]
public sealed partial class AotPublishTests(PublishedBootstrap bootstrap)
{
    [Fact]
    public void The_publish_reports_no_warning()
    {
        var log = bootstrap.PublishLog;
        Assert.Contains("bootstrap", log, StringComparison.Ordinal);
        var warnings = log.Split('\n').Where(line => WarningLine().IsMatch(line)).ToList();
        Assert.True(warnings.Count == 0, "the publish printed warnings:\n" + string.Join('\n', warnings));
    }

    [Fact]
    public void Bootstrap_is_a_native_linux_x64_executable()
    {
        var header = new byte[20];
        using (var file = File.OpenRead(bootstrap.Executable))
        {
            file.ReadExactly(header);
        }

        Assert.Equal("\u007fELF"u8.ToArray(), header[..4]);
        Assert.Equal(2, header[4]); // ELFCLASS64
        Assert.Equal(0x3E, BitConverter.ToUInt16(header, 18)); // EM_X86_64
        Assert.True((File.GetUnixFileMode(bootstrap.Executable) & UnixFileMode.UserExecute) != 0, "bootstrap is not executable");
        Assert.False(File.Exists(Path.ChangeExtension(bootstrap.Executable, ".dll")), "a managed bootstrap.dll was published: not Native AOT");
    }

    [Fact]
    public void Bootstrap_loads_on_provided_al2023()
    {
        var image = ElfImage.Read(bootstrap.Executable);

        Assert.Equal(ElfImage.X86_64, image.Machine);
        Assert.Contains("libc.so.6", image.Needed);
        Assert.NotNull(LambdaLoadability.HighestGlibc(image));
        Assert.True(LambdaLoadability.Problems(image).Count == 0,
            $"{LambdaLoadability.Describe(image)}:\n{string.Join('\n', LambdaLoadability.Problems(image))}");
    }

    [Fact]
    public async Task Bootstrap_runs_with_invariant_globalization_and_prints_its_version()
    {
        // The switch is baked into a Native AOT binary; ICU would be loaded at the first culture-sensitive call otherwise.
        var bytes = await File.ReadAllBytesAsync(bootstrap.Executable);
        Assert.True(
            bytes.AsSpan().IndexOf("System.Globalization.Invariant"u8) >= 0,
            "the binary does not carry System.Globalization.Invariant: publish with InvariantGlobalization=true");

        var run = await ChildProcess.RunAsync(bootstrap.Executable, ["--version"], bootstrap.RepositoryRoot, TimeSpan.FromSeconds(30), "bootstrap --version");
        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^bootstrap \d+\.\d+\.\d+\s*$", run.StandardOutput);
    }

    // MSBuild's "file(line,col): warning CODE: ..." and ILC's "ILC: warning IL3050 ..." shapes, and bare IL/AOT codes.
    [GeneratedRegex(@"\bwarning\b|\b(IL[23]\d{3}|NETSDK\d{4})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WarningLine();
}
