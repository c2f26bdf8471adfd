using System.Text.Json;

namespace EcrPublicLambda.Tests.Refresh;

/// <summary>What one <c>bootstrap refresh</c> left behind: its exit code, its stdout (the report) and its stderr (the JSON logs).</summary>
internal sealed class RefreshRun(int exitCode, string output, string logs)
{
    private readonly Lazy<JsonElement> report = new(() => JsonDocument.Parse(output).RootElement.Clone());

    internal int ExitCode { get; } = exitCode;

    internal string Output { get; } = output;

    internal string Logs { get; } = logs;

    /// <summary>The report on stdout, parsed (fails the test when stdout is not one JSON document).</summary>
    internal JsonElement Report => report.Value;

    internal string? Status => Report.GetProperty("status").GetString();

    internal IReadOnlyList<string?> ClusterNames => [.. Report.GetProperty("clusters").EnumerateArray().Select(c => c.GetProperty("name").GetString())];

    internal JsonElement Cluster(string name) =>
        Report.GetProperty("clusters").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    internal (string? Status, string? Error) ClusterOutcome(string name)
    {
        var cluster = Cluster(name);
        return (cluster.GetProperty("status").GetString(), cluster.GetProperty("error").GetString());
    }

    internal (string? Result, string? Error) Secret(string cluster, string ns)
    {
        var entry = Cluster(cluster).GetProperty("secrets").EnumerateArray().Single(s => s.GetProperty("namespace").GetString() == ns);
        return (entry.GetProperty("result").GetString(), entry.GetProperty("error").GetString());
    }

    internal (string? Result, string? Error) Account(string cluster, string ns, string name)
    {
        var entry = Cluster(cluster).GetProperty("serviceAccounts").EnumerateArray()
            .Single(a => a.GetProperty("namespace").GetString() == ns && a.GetProperty("name").GetString() == name);
        return (entry.GetProperty("result").GetString(), entry.GetProperty("error").GetString());
    }

    /// <summary>Every secret result of the cluster, in report order.</summary>
    internal IReadOnlyList<string?> SecretResults(string cluster) =>
        [.. Cluster(cluster).GetProperty("secrets").EnumerateArray().Select(s => s.GetProperty("result").GetString())];

    public override string ToString() => $"exit {ExitCode}";
}
