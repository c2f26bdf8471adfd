using System.Globalization;

namespace EcrPublicLambda.Benchmark;

/// <summary>
/// <c>--aot DIR</c> (the Native AOT publish output, holding <c>bootstrap</c>), <c>--jit DIR</c> (a framework-dependent
/// publish, holding <c>bootstrap.dll</c>), <c>--latency-ms N</c> (default 50), <c>--runs N</c> measured refreshes per
/// scenario (default 3), <c>--cold-runs N</c> cold starts per build (default 7), <c>--markdown FILE</c> (the tables), <c>--scenarios 1x10,20x50,200x20</c> (the default; <c>100x20/http1</c>: API servers that speak HTTP/1.1 only), <c>--logs DIR</c> (each refresh's log lines, DEBUG level, into DIR: slower), <c>--registries-ab 20x50</c> (the
/// default; <c>none</c> skips it: the shape on which one registry and four are refreshed in turns, see
/// <see cref="RegistryComparison"/>), <c>--ab-runs N</c> measured runs per side of that A/B (default 5).
/// </summary>
internal sealed record BenchmarkOptions(
    string AotBootstrap,
    string JitAssembly,
    string DotnetHost,
    TimeSpan Latency,
    int Runs,
    int ColdRuns,
    string? Markdown,
    string? Logs,
    IReadOnlyList<Scenario> Scenarios,
    Scenario? RegistriesAb,
    int AbRuns)
{
    private static Scenario ParseScenario(string shape)
    {
        const string http1 = "/http1";
        var http1Only = shape.EndsWith(http1, StringComparison.Ordinal);
        var parts = (http1Only ? shape[..^http1.Length] : shape).Split('x');
        return parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var clusters) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var namespaces) && clusters > 0 && namespaces > 0
            ? new Scenario(clusters, namespaces, http1Only)
            : throw new ArgumentException($"--scenarios: \"{shape}\" is not CLUSTERSxNAMESPACES (or CLUSTERSxNAMESPACES/http1: API servers without h2)");
    }

    internal static BenchmarkOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"expected --name value pairs, got \"{args[i]}\"");
            }

            values[args[i]] = args[i + 1];
        }

        string Require(string name) => values.TryGetValue(name, out var value)
            ? value
            : throw new ArgumentException($"{name} is required (usage: --aot DIR --jit DIR [--latency-ms 50] [--runs 3] [--cold-runs 7] [--markdown FILE] [--scenarios 1x10,20x50,200x20] [--logs DIR] [--registries-ab 20x50|none] [--ab-runs 5])");
        int Number(string name, int fallback) => values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

        var aot = Path.GetFullPath(Path.Combine(Require("--aot"), "bootstrap"));
        var jit = Path.GetFullPath(Path.Combine(Require("--jit"), "bootstrap.dll"));
        foreach (var file in (string[])[aot, jit])
        {
            if (!File.Exists(file))
            {
                throw new ArgumentException($"{file} does not exist: publish it first (scripts/bench.sh does)");
            }
        }

        return new BenchmarkOptions(
            aot,
            jit,
            Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet",
            TimeSpan.FromMilliseconds(Number("--latency-ms", 50)),
            Number("--runs", 3),
            Number("--cold-runs", 7),
            values.GetValueOrDefault("--markdown"),
            values.GetValueOrDefault("--logs"),
            values.TryGetValue("--scenarios", out var shapes) ? [.. shapes.Split(',').Select(ParseScenario)] : [new(1, 10), new(20, 50), new(200, 20)],
            values.GetValueOrDefault("--registries-ab", "20x50") is var ab && ab == "none" ? null : ParseScenario(ab),
            Number("--ab-runs", 5));
    }
}
