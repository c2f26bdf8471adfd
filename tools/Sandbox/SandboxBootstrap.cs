using System.Diagnostics;
using System.Reflection;

namespace EcrPublicLambda.Sandbox;

/// <summary>
/// How to start the bootstrap: a native executable (the published Native AOT <c>bootstrap</c>) as is, or a
/// <c>bootstrap.dll</c> under the <c>dotnet</c> host. Without a path: the function's own build output of this
/// configuration (building the sandbox builds the function, as the fakes reference it).
/// </summary>
internal sealed record SandboxBootstrap(string Program, IReadOnlyList<string> LeadingArguments)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    internal static SandboxBootstrap From(string? path)
    {
        var full = Path.GetFullPath(path ?? FunctionBuild);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"no bootstrap at {full}: build the function (`dotnet build src/Function -c Release`), or publish it (`dotnet publish src/Function -c Release -o artifacts/bootstrap`)", full);
        }

        if (!full.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            return new SandboxBootstrap(full, []);
        }

        var host = Environment.ProcessPath is { } current && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
        return new SandboxBootstrap(host, [full]);
    }

    /// <summary>Where this configuration's build of the function puts <c>bootstrap.dll</c> (recorded at build time).</summary>
    internal static string FunctionBuild { get; } = typeof(SandboxBootstrap).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "FunctionBuild").Value!;

    public override string ToString() => string.Join(' ', [Program, .. LeadingArguments]);

    /// <summary>Runs it to its end with exactly <paramref name="environment"/>; on timeout the whole process tree is killed.</summary>
    internal async Task<SandboxChildOutcome> RunAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(Program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[.. LeadingArguments, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var expiry = new CancellationTokenSource(RunTimeout);
        try
        {
            await process.WaitForExitAsync(expiry.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{this} {string.Join(' ', arguments)}` did not finish within {RunTimeout.TotalSeconds:0} s and was stopped");
        }

        return new SandboxChildOutcome(process.ExitCode, await output, await error);
    }
}
