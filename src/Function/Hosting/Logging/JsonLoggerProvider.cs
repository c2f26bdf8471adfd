using System.Text;
using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Hosting.Logging;

/// <summary>
/// Writes every log entry as one JSON line (CloudWatch-friendly) to <paramref name="writer"/>: stdout in Lambda,
/// stderr on the command line. Scopes carrying key/value pairs (the invocation's <c>requestId</c>) flow with the
/// async context and become top-level fields.
/// </summary>
internal sealed class JsonLoggerProvider(TextWriter writer, LogLevel minimumLevel, TimeProvider clock) : ILoggerProvider
{
    private readonly Lock gate = new();

    internal LogLevel MinimumLevel { get; } = minimumLevel;

    internal TimeProvider Clock { get; } = clock;

    internal IExternalScopeProvider Scopes { get; } = new LoggerExternalScopeProvider();

    public ILogger CreateLogger(string categoryName) => new JsonLogger(this, categoryName);

    /// <summary>Writes one finished line; lines from concurrent loggers never interleave.</summary>
    internal void WriteLine(ReadOnlySpan<byte> utf8)
    {
        var line = Encoding.UTF8.GetString(utf8);
        lock (gate)
        {
            writer.WriteLine(line);
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            writer.Flush();
        }
    }
}
