using System.Text;
using System.Text.Json;

namespace EcrPublicLambda.Tests.Hosting.Lambda;

/// <summary>A thread-safe stdout stand-in: whole lines are appended atomically, and read back as parsed JSON lines.</summary>
internal sealed class CapturedOutput : TextWriter
{
    private readonly Lock gate = new();
    private readonly StringBuilder text = new();

    public override Encoding Encoding => Encoding.UTF8;

    public string Text
    {
        get
        {
            lock (gate)
            {
                return text.ToString();
            }
        }
    }

    /// <summary>Every line parsed as JSON; a line that is not JSON fails the test.</summary>
    public IReadOnlyList<JsonElement> JsonLines =>
        [.. Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone())];

    /// <summary>The log lines (everything but EMF documents).</summary>
    public IReadOnlyList<JsonElement> Logs => [.. JsonLines.Where(line => !line.TryGetProperty("_aws", out _))];

    /// <summary>The Embedded Metric Format lines.</summary>
    public IReadOnlyList<JsonElement> Metrics => [.. JsonLines.Where(line => line.TryGetProperty("_aws", out _))];

    public override void Write(char value)
    {
        lock (gate)
        {
            text.Append(value);
        }
    }

    public override void Write(string? value)
    {
        lock (gate)
        {
            text.Append(value);
        }
    }

    public override void WriteLine(string? value)
    {
        lock (gate)
        {
            text.Append(value).Append('\n');
        }
    }

    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }
}
