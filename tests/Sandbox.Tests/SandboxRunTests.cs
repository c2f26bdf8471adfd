using System.Text;
using System.Text.Json;
using EcrPublicLambda.Fakes;

namespace EcrPublicLambda.Sandbox.Tests;

/// <summary>
/// The sandbox end to end, as `bash scripts/sandbox.sh` runs it: its fleet on loopback and a REAL bootstrap child
/// (the published Native AOT binary when <c>BOOTSTRAP_DIR</c> names it, as scripts/test.sh does; else the function's
/// build under <c>dotnet</c>).
/// </summary>
public sealed class SandboxRunTests
{
    private static SandboxBootstrap Bootstrap() =>
        SandboxBootstrap.From(Environment.GetEnvironmentVariable("BOOTSTRAP_DIR") is { Length: > 0 } published
            ? Path.Combine(published, "bootstrap")
            : null);

    [Fact]
    public async Task The_run_leaves_the_foreign_Secret_as_a_conflict_and_writes_every_other_namespace()
    {
        using var output = new StringWriter();
        var result = await SandboxRun.RunAsync(Bootstrap(), output);

        Assert.Empty(result.Problems);
        Assert.Equal(1, result.Refresh.ExitCode);
        using var report = JsonDocument.Parse(result.Refresh.StandardOutput);
        Assert.Equal("partial", report.RootElement.GetProperty("status").GetString());
        var secrets = report.RootElement.GetProperty("clusters").EnumerateArray()
            .SelectMany(c => c.GetProperty("secrets").EnumerateArray().Select(s =>
                $"{c.GetProperty("name").GetString()}/{s.GetProperty("namespace").GetString()}={s.GetProperty("result").GetString()}"))
            .ToList();
        Assert.Equal(
            ["edge-eu/default=created", "edge-eu/apps=created", "hybrid-us/default=created", "hybrid-us/monitoring=conflict", "factory-ap/default=created", "onprem-k3s/default=created"],
            secrets);

        var printed = output.ToString();
        Assert.Contains("hybrid-us (us-west-2) namespace monitoring:\n  secret ecr-public-token: type kubernetes.io/dockerconfigjson, app.kubernetes.io/managed-by=(none: not managed by this tool), data: present (1 key)", printed, StringComparison.Ordinal);
        Assert.Equal(5, result.Namespaces.Count(line => line.Contains("managed-by=ecr-public-lambda, data: present (1 key)", StringComparison.Ordinal)));
        Assert.Contains("  service account default: imagePullSecrets [registry-mirror, ecr-public-token]", result.Namespaces);
        Assert.Contains("\"status\": \"partial\"", printed, StringComparison.Ordinal);

        // The kubernetes cluster: reached with the token from the fake Secrets Manager, its region the secret's, its end reported.
        var onprem = report.RootElement.GetProperty("clusters").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "onprem-k3s");
        Assert.Equal("eu-central-1", onprem.GetProperty("region").GetString());
        Assert.True(onprem.TryGetProperty("credentialsExpireAt", out _));

        // Never a credential: not the password, not the docker auth made of it, not the AWS secret key.
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"AWS:{SandboxFleet.Password}"));
        foreach (var secret in new[] { SandboxFleet.Password, auth, FakeAwsServer.SecretAccessKey })
        {
            Assert.DoesNotContain(secret, printed, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_check_names_every_way_a_run_differs_from_what_the_sandbox_shows()
    {
        await using var fleet = await SandboxFleet.StartAsync();
        var foreign = fleet.Server(SandboxFleet.ForeignCluster).Store.RawJson("secrets", SandboxFleet.ForeignNamespace, SandboxFleet.SecretName);
        var nothingWritten = new SandboxChildOutcome(0, """{"status":"succeeded","clusters":[]}""", string.Empty);

        var problems = SandboxExpectations.Check(nothingWritten, fleet, foreign);

        Assert.Contains("the bootstrap exited with 0, not 1 (a run with a conflict is partial)", problems);
        Assert.Contains("status: succeeded, expected partial", problems);
        Assert.Contains("the report has no cluster hybrid-us", problems);
        Assert.DoesNotContain(problems, p => p.Contains("foreign Secret", StringComparison.Ordinal));

        // A foreign Secret that is not what it was before the run.
        Assert.Contains(
            $"the foreign Secret in {SandboxFleet.ForeignCluster} {SandboxFleet.ForeignNamespace} was changed",
            SandboxExpectations.Check(nothingWritten, fleet, "{}"));
    }
}
