using Xunit.Sdk;

namespace EcrPublicLambda.Tests.EndToEnd;

/// <summary>
/// The linux-arm64 Native AOT <c>bootstrap</c>, cross-published once per test run: taken from
/// <c>BOOTSTRAP_ARM64_DIR</c> when set (scripts/test.sh publishes once to <c>artifacts/bootstrap-arm64</c>), else
/// published beside the test assembly. It runs here under qemu-user with the aarch64 C library of
/// <see cref="Sysroot"/> (Debian/Ubuntu: <c>apt-get install clang lld gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user</c>).
/// </summary>
public sealed class PublishedArm64Bootstrap : IAsyncLifetime
{
    internal const string DirectoryVariable = "BOOTSTRAP_ARM64_DIR";
    internal const string Emulator = "qemu-aarch64";
    internal const string Sysroot = "/usr/aarch64-linux-gnu";
    internal const string SetupHint = "install clang lld gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user (scripts/test.sh does)";

    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(9);

    internal string RepositoryRoot { get; } = PublishedBootstrap.FindRepositoryRoot();

    internal string Executable { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Path.Combine(Sysroot, "lib", "libc.so.6")))
        {
            throw new XunitException($"{Sysroot}/lib/libc.so.6 is missing, so the arm64 bootstrap cannot run under {Emulator}: {SetupHint}");
        }

        var given = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (!string.IsNullOrEmpty(given))
        {
            Executable = Path.Combine(Path.GetFullPath(given), PublishedBootstrap.ExecutableName);
            if (!File.Exists(Executable))
            {
                throw new XunitException($"{DirectoryVariable} is {given}, but it holds no bootstrap (scripts/test.sh publishes it there)");
            }

            return;
        }

        var output = Path.Combine(AppContext.BaseDirectory, "e2e-bootstrap-arm64");
        var publish = await ChildProcess.RunAsync(
            "dotnet",
            ["publish", Path.Combine(RepositoryRoot, "src", "Function"), "-c", "Release", "-r", "linux-arm64",
                "-p:LinkerFlavor=lld", "-p:ObjCopyName=aarch64-linux-gnu-objcopy", "-o", output, "-nologo"],
            RepositoryRoot,
            PublishTimeout,
            $"the arm64 tests cross-publish the bootstrap with the .NET 10 SDK: {SetupHint}");
        Executable = Path.Combine(output, PublishedBootstrap.ExecutableName);
        if (publish.ExitCode != 0 || !File.Exists(Executable))
        {
            throw new XunitException($"the linux-arm64 publish failed (exit code {publish.ExitCode}); {SetupHint}:\n{publish.Tail()}");
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Runs the bootstrap under qemu-user with <paramref name="arguments"/>.</summary>
    internal Task<ProcessOutcome> RunAsync(params string[] arguments) => ChildProcess.RunAsync(
        Emulator, ["-L", Sysroot, Executable, .. arguments], RepositoryRoot, TimeSpan.FromSeconds(60), $"the arm64 bootstrap runs under qemu-user: {SetupHint}");
}
