using Xunit.Sdk;

namespace EcrPublicLambda.Tests.EndToEnd;

/// <summary>
/// The Native AOT <c>bootstrap</c> as <c>dotnet publish src/Function -c Release</c> leaves it, made once per test run:
/// taken from <c>BOOTSTRAP_DIR</c> when set (scripts/test.sh publishes once to <c>artifacts/bootstrap</c>), else
/// published into a folder beside the test assembly (an incremental publish when it is already there).
/// Also checks, before anything slow, that Node.js and <c>node_modules/@vercel/fun</c> are there to run it.
/// </summary>
public sealed class PublishedBootstrap : IAsyncLifetime
{
    internal const string DirectoryVariable = "BOOTSTRAP_DIR";
    internal const string PublishLogVariable = "BOOTSTRAP_PUBLISH_LOG";
    internal const string ExecutableName = "bootstrap";
    internal const string SetupHint = "run `npm ci` at the repository root (scripts/test.sh does) with Node.js >= 20 on PATH";

    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(9);
    private static readonly TimeSpan NodeCheckTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The folder that holds <c>EcrPublicLambda.sln</c>.</summary>
    internal string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The published executable.</summary>
    internal string Executable { get; private set; } = string.Empty;

    /// <summary>What the publish printed (from <c>BOOTSTRAP_PUBLISH_LOG</c> when the bootstrap was given).</summary>
    internal string PublishLog { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        await CheckNodeAsync();
        var given = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (!string.IsNullOrEmpty(given))
        {
            Executable = Path.Combine(Path.GetFullPath(given), ExecutableName);
            if (!File.Exists(Executable))
            {
                throw new XunitException($"{DirectoryVariable} is {given}, but it holds no {ExecutableName}: publish it there with `dotnet publish src/Function -c Release -o {given}`");
            }

            var log = Environment.GetEnvironmentVariable(PublishLogVariable);
            if (string.IsNullOrEmpty(log) || !File.Exists(log))
            {
                throw new XunitException($"{DirectoryVariable} is set, so {PublishLogVariable} must name the publish's output (scripts/test.sh sets both)");
            }

            PublishLog = await File.ReadAllTextAsync(log);
            return;
        }

        var output = Path.Combine(AppContext.BaseDirectory, "e2e-bootstrap");
        var publish = await ChildProcess.RunAsync(
            "dotnet",
            ["publish", Path.Combine(RepositoryRoot, "src", "Function"), "-c", "Release", "-o", output, "-nologo"],
            RepositoryRoot,
            PublishTimeout,
            "the end-to-end tests publish the bootstrap with the .NET 10 SDK");
        Executable = Path.Combine(output, ExecutableName);
        PublishLog = publish.StandardOutput + publish.StandardError;
        if (publish.ExitCode != 0 || !File.Exists(Executable))
        {
            throw new XunitException($"`dotnet publish src/Function -c Release -o {output}` failed (exit code {publish.ExitCode}):\n{publish.Tail()}");
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task CheckNodeAsync()
    {
        var node = await ChildProcess.RunAsync("node", ["--version"], RepositoryRoot, NodeCheckTimeout, $"the end-to-end tests need Node.js: {SetupHint}");
        if (node.ExitCode != 0)
        {
            throw new XunitException($"`node --version` failed (exit code {node.ExitCode}): {SetupHint}");
        }

        var fun = Path.Combine(RepositoryRoot, "node_modules", "@vercel", "fun", "package.json");
        if (!File.Exists(fun))
        {
            throw new XunitException($"{fun} is missing: the end-to-end tests run the bootstrap under @vercel/fun; {SetupHint}");
        }
    }

    internal static string FindRepositoryRoot() => Architecture.RepositoryRoot.Find();
}
