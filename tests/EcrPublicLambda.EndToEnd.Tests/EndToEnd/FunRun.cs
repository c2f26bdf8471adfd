using System.Text.Json;

namespace EcrPublicLambda.Tests.EndToEnd;

/// <summary>What one run of fun-invoke.js gave: an answer per payload, in order, and the process's captured output (the function's logs).</summary>
internal sealed record FunRun(IReadOnlyList<FunResult> Results, ProcessOutcome Output)
{
    /// <summary>Everything the function and fun wrote, stdout then stderr.</summary>
    internal string AllOutput => Output.StandardOutput + "\n" + Output.StandardError;

    /// <summary>The JSON lines on stdout (the function's logs and EMF documents); any other stdout line fails the test.</summary>
    internal IReadOnlyList<JsonElement> JsonLines =>
        [.. Output.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Parse)];

    /// <summary>The log lines with this event id.</summary>
    internal IReadOnlyList<JsonElement> Logs(int eventId) =>
        [.. JsonLines.Where(line => line.TryGetProperty("eventId", out var id) && id.GetInt32() == eventId)];

    /// <summary>The Embedded Metric Format documents.</summary>
    internal IReadOnlyList<JsonElement> Metrics => [.. JsonLines.Where(line => line.TryGetProperty("_aws", out _))];

    private static JsonElement Parse(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new Xunit.Sdk.XunitException($"a stdout line is not JSON ({line.Length} chars, starting {line[..Math.Min(line.Length, 40)]}...)");
        }
    }
}
