using EcrPublicLambda.Refresh;
using EcrPublicLambda.Tests.Common;
using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Tests.Refresh;

/// <summary>Whatever one cluster's work throws (here: its logger, standing in for a bug) fails that cluster only.</summary>
public sealed class RefreshIsolationTests
{
    [Fact]
    public async Task An_unexpected_exception_in_one_cluster_fails_only_that_cluster_with_a_safe_message()
    {
        await using var world = await RefreshWorld.StartAsync(
            new WorldCluster("crashing", "eu-west-1", "default"),
            new WorldCluster("healthy", "eu-west-1", "default"));
        var time = new RetryTime();
        var logger = new ThrowingLogger(time.Logger, "crashing");

        var report = await world.RefreshInProcessAsync(time.Clock, logger);

        var crashing = report.Clusters.Single(c => c.Name == "crashing");
        Assert.Equal(RunStatus.Failed, crashing.Status);
        Assert.Equal("unexpected error (InvalidOperationException): boom while logging, password=<redacted>", crashing.Error);
        Assert.Equal(RunStatus.Succeeded, report.Clusters.Single(c => c.Name == "healthy").Status);
        world.AssertSecret("healthy", "default");
        Assert.Equal(RunStatus.Partial, report.Status);
        Assert.Contains(time.Lines, line => line.StartsWith("Error 520 Cluster crashing (eu-west-1) failed on an unexpected error", StringComparison.Ordinal));
        Assert.DoesNotContain(time.Lines, line => line.Contains("hunter2", StringComparison.Ordinal));
    }

    /// <summary>Passes every line on, but throws on the "cluster finished" line (event 505) of one cluster.</summary>
    private sealed class ThrowingLogger(ILogger inner, string cluster) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == 505 && state is IEnumerable<KeyValuePair<string, object?>> fields
                && fields.Any(field => field.Key == "Cluster" && Equals(field.Value, cluster)))
            {
                throw new InvalidOperationException("boom while logging, password=hunter2");
            }

            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
