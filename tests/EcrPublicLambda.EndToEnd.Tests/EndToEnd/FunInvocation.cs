using System.Text.Json.Nodes;
using Xunit.Sdk;

namespace EcrPublicLambda.Tests.EndToEnd;

/// <summary>
/// The published bootstrap in a task folder of its own (a copy of it, with <c>clusters.json</c> beside it), invoked by
/// @vercel/fun through <c>tests/e2e/fun-invoke.js</c>: every payload in order, in ONE function process.
/// </summary>
internal static class FunInvocation
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Copies the bootstrap into <paramref name="taskDirectory"/> (executable) and writes the fleet beside it as <c>clusters.json</c>.</summary>
    internal static void Stage(PublishedBootstrap bootstrap, string taskDirectory, string fleetJson)
    {
        Directory.CreateDirectory(taskDirectory);
        var executable = Path.Combine(taskDirectory, PublishedBootstrap.ExecutableName);
        File.Copy(bootstrap.Executable, executable, overwrite: true);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(executable, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        File.WriteAllText(Path.Combine(taskDirectory, "clusters.json"), fleetJson);
    }

    /// <summary>
    /// Invokes the function staged in <paramref name="taskDirectory"/> once per payload under @vercel/fun, with the
    /// caller's keys and <paramref name="environment"/>; with <paramref name="between"/>, fun waits after each invocation
    /// but the last until it has run (given the invocation's index). <paramref name="assertNoSecret"/> sees the captured
    /// output and every answer before anything of them can reach a failure message. Fails if fun-invoke.js fails or
    /// gives other than one answer per payload.
    /// </summary>
    internal static async Task<FunRun> RunAsync(
        PublishedBootstrap bootstrap,
        string workDirectory,
        string taskDirectory,
        (string AccessKeyId, string SecretAccessKey) keys,
        IReadOnlyDictionary<string, string> environment,
        IReadOnlyList<string> payloads,
        Action<string> assertNoSecret,
        InvocationPause? between = null)
    {
        var spec = Path.Combine(workDirectory, "spec.json");
        var result = Path.Combine(workDirectory, "result.json");
        File.Delete(result);
        var variables = new JsonObject();
        foreach (var (name, value) in environment)
        {
            variables[name] = value;
        }

        var document = new JsonObject
        {
            ["taskDir"] = taskDirectory,
            ["accessKeyId"] = keys.AccessKeyId,
            ["secretAccessKey"] = keys.SecretAccessKey,
            ["timeoutSeconds"] = 60,
            ["environment"] = variables,
            ["payloads"] = new JsonArray([.. payloads.Select(p => (JsonNode)p)]),
        };
        if (between is not null)
        {
            document["betweenUrl"] = between.Url.AbsoluteUri;
        }

        await File.WriteAllTextAsync(spec, document.ToJsonString());

        var outcome = await ChildProcess.RunAsync(
            "node",
            [Path.Combine(bootstrap.RepositoryRoot, "tests", "e2e", "fun-invoke.js"), spec, result],
            bootstrap.RepositoryRoot,
            RunTimeout,
            $"the end-to-end tests need Node.js: {PublishedBootstrap.SetupHint}");
        assertNoSecret(outcome.StandardOutput + outcome.StandardError);
        if (outcome.ExitCode != 0 || !File.Exists(result))
        {
            throw new XunitException($"fun-invoke.js failed (exit code {outcome.ExitCode}); its last output:\n{outcome.Tail()}");
        }

        var results = JsonNode.Parse(await File.ReadAllTextAsync(result))!.AsArray()
            .Select(item => new FunResult((int)item!["statusCode"]!, (string?)item["functionError"], (string)item["payload"]!))
            .ToList();
        foreach (var answer in results)
        {
            assertNoSecret(answer.Payload);
        }

        Assert.Equal(payloads.Count, results.Count);
        return new FunRun(results, outcome);
    }
}
