using NetArchTest.Rules;

namespace EcrPublicLambda.Tests.Architecture;

/// <summary>
/// This project holds unit tests only (docs/development.md): no process is started and no published bootstrap is read;
/// those tests live in tests/EcrPublicLambda.EndToEnd.Tests.
/// </summary>
public sealed class UnitTestProjectTests
{
    [Fact]
    public void No_unit_test_type_uses_System_Diagnostics_Process()
    {
        var users = Types.InAssembly(typeof(UnitTestProjectTests).Assembly)
            .That().ResideInNamespace("EcrPublicLambda.Tests")
            .And().HaveDependencyOnAny("System.Diagnostics.Process", "System.Diagnostics.ProcessStartInfo")
            .GetTypes()
            .Select(type => type.FullName)
            .ToList();

        Assert.Empty(users);
    }

    [Fact]
    public void No_unit_test_source_reads_a_published_bootstrap_or_its_environment()
    {
        var project = Path.Combine(RepositoryRoot.Find(), "tests", "EcrPublicLambda.Tests");
        string[] markers = ["BOOTSTRAP_DIR", "BOOTSTRAP_ARM64_DIR", "BOOTSTRAP_PUBLISH_LOG", "PublishedBootstrap", "fun-invoke.js", "qemu-"];
        var offenders = Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories)
            .Where(file => !IsBuildOutput(project, file) && Path.GetFileName(file) != nameof(UnitTestProjectTests) + ".cs")
            .SelectMany(file => markers.Where(marker => File.ReadAllText(file).Contains(marker, StringComparison.Ordinal))
                .Select(marker => $"{Path.GetRelativePath(project, file)}: {marker}"))
            .ToList();

        Assert.Empty(offenders);
    }

    private static bool IsBuildOutput(string project, string file)
    {
        var first = Path.GetRelativePath(project, file).Split(Path.DirectorySeparatorChar)[0];
        return first is "bin" or "obj";
    }
}
