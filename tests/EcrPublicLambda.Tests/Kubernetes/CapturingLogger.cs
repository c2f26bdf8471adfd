using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Tests.Kubernetes;

/// <summary>Keeps every formatted log line, so tests can assert what was (and was not) logged.</summary>
internal sealed class CapturingLogger : ILogger
{
    private readonly ConcurrentQueue<string> lines = new();

    internal IReadOnlyList<string> Lines => lines.ToArray();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        lines.Enqueue($"{logLevel} {eventId.Id} {formatter(state, exception)} {exception}");
    }
}
