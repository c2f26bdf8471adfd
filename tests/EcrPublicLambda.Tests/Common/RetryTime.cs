using System.Globalization;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace EcrPublicLambda.Tests.Common;

/// <summary>
/// Time for code that retries, without sleeping: a <see cref="FakeTimeProvider"/> that moves on by each wait the code
/// reports (the retry log lines carry <c>DelayMs</c>; the policy reports a wait once it is under way), and the
/// <see cref="FakeLogger"/> those lines go to. Time moves only when the code under test waits.
/// </summary>
internal sealed class RetryTime
{
    internal RetryTime(DateTimeOffset? start = null)
        : this(new FakeTimeProvider(start ?? DateTimeOffset.UtcNow))
    {
    }

    internal RetryTime(FakeTimeProvider clock)
    {
        Clock = clock;
        Logger = new FakeLogger(FakeLogCollector.Create(new FakeLogCollectorOptions
        {
            OutputFormatter = record =>
            {
                if (DelayOf(record) is { } wait)
                {
                    // The log rounds the wait down to whole milliseconds: one more fires the timer.
                    Clock.Advance(wait + TimeSpan.FromMilliseconds(1));
                }

                return string.Empty;
            },
            OutputSink = _ => { },
        }));
    }

    internal FakeTimeProvider Clock { get; }

    internal FakeLogger Logger { get; }

    /// <summary>The waits between attempts the code started, in order (whole milliseconds, as logged).</summary>
    internal IReadOnlyList<TimeSpan> Waits => [.. Logger.Collector.GetSnapshot().Select(DelayOf).OfType<TimeSpan>()];

    /// <summary>Every log line as formatted text, for asserting what was (and was not) logged.</summary>
    internal IReadOnlyList<string> Lines => [.. Logger.Collector.GetSnapshot().Select(r => $"{r.Level} {r.Id.Id} {r.Message} {r.Exception}")];

    private static TimeSpan? DelayOf(FakeLogRecord record) =>
        record.GetStructuredStateValue("DelayMs") is { } ms ? TimeSpan.FromMilliseconds(long.Parse(ms, CultureInfo.InvariantCulture)) : null;
}
