using System.Text.Json;

namespace EcrPublicLambda.Sandbox;

/// <summary>
/// What the sandbox's run must show, checked against the report and the fakes: exit code 1 and status
/// <c>partial</c>; the foreign Secret <c>conflict</c> and left exactly as it was, with its service account
/// <c>skipped</c>; every other Secret <c>created</c> with our label and every other service account <c>added</c>,
/// keeping the pull secrets it already listed.
/// </summary>
internal static class SandboxExpectations
{
    internal static IReadOnlyList<string> Check(SandboxChildOutcome refresh, SandboxFleet fleet, string? foreignSecretBefore)
    {
        var problems = new List<string>();
        if (refresh.ExitCode != 1)
        {
            problems.Add($"the bootstrap exited with {refresh.ExitCode}, not 1 (a run with a conflict is partial)");
        }

        JsonElement report;
        try
        {
            using var document = JsonDocument.Parse(refresh.StandardOutput);
            report = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            problems.Add("the bootstrap's stdout is not a JSON report");
            return problems;
        }

        Expect(problems, "status", Text(report, "status"), "partial");
        var reported = report.TryGetProperty("clusters", out var clusters) && clusters.ValueKind == JsonValueKind.Array ? clusters.EnumerateArray().ToList() : [];
        foreach (var cluster in SandboxFleet.Clusters)
        {
            var entry = reported.FirstOrDefault(c => Text(c, "name") == cluster.Name);
            if (entry.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"the report has no cluster {cluster.Name}");
                continue;
            }

            foreach (var ns in cluster.Namespaces)
            {
                var foreign = cluster.Name == SandboxFleet.ForeignCluster && ns == SandboxFleet.ForeignNamespace;
                Expect(problems, $"{cluster.Name} {ns} Secret", Result(entry, "secrets", ns), foreign ? "conflict" : "created");
                Expect(problems, $"{cluster.Name} {ns} service account", Result(entry, "serviceAccounts", ns), foreign ? "skipped" : "added");
                var pullSecrets = fleet.Server(cluster.Name).PullSecretsOf(ns, SandboxFleet.ServiceAccount);
                IReadOnlyList<string> expected = foreign ? []
                    : cluster.Name == "edge-eu" && ns == "apps" ? [SandboxFleet.OtherPullSecret, SandboxFleet.SecretName] : [SandboxFleet.SecretName];
                Expect(problems, $"{cluster.Name} {ns} imagePullSecrets", string.Join(",", pullSecrets), string.Join(",", expected));
            }
        }

        var foreignAfter = fleet.Server(SandboxFleet.ForeignCluster).Store.RawJson("secrets", SandboxFleet.ForeignNamespace, SandboxFleet.SecretName);
        if (foreignSecretBefore is null || foreignAfter != foreignSecretBefore)
        {
            problems.Add($"the foreign Secret in {SandboxFleet.ForeignCluster} {SandboxFleet.ForeignNamespace} was changed");
        }

        return problems;
    }

    private static void Expect(List<string> problems, string what, string? actual, string expected)
    {
        if (actual != expected)
        {
            problems.Add($"{what}: {actual ?? "(missing)"}, expected {expected}");
        }
    }

    private static string? Result(JsonElement cluster, string list, string ns) =>
        cluster.TryGetProperty(list, out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray().Where(item => Text(item, "namespace") == ns).Select(item => Text(item, "result")).FirstOrDefault()
            : null;

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
