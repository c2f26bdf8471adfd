using System.Text.Json;
using EcrPublicLambda.Configuration;
using EcrPublicLambda.Hosting;
using EcrPublicLambda.Hosting.Lambda;
using EcrPublicLambda.Hosting.Logging;
using EcrPublicLambda.Tests.Hosting.Lambda;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace EcrPublicLambda.Tests.Hosting.Logging;

public sealed class JsonLoggerTests
{
    private readonly CapturedOutput output = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 26, 23, 59, 59, 123, TimeSpan.Zero));

    private ILogger Logger(LogLevel minimum = LogLevel.Information) =>
        new JsonLoggerProvider(output, minimum, clock).CreateLogger(App.LoggerCategory);

    [Fact]
    public void A_line_has_timestamp_level_message_logger_event_and_the_structured_fields()
    {
        Logger().InvalidFleet(3);

        var line = Assert.Single(output.JsonLines);
        Assert.Equal(
            """{"timestamp":"2026-11-26T23:59:59.123Z","level":"ERROR","message":"Invalid fleet: 3 error(s)","logger":"EcrPublicLambda","eventId":100,"eventName":"InvalidFleet","errorCount":3}""",
            line.GetRawText());
    }

    [Fact]
    public async Task Inside_an_invocation_scope_lines_carry_the_request_id_also_in_concurrent_work()
    {
        var logger = Logger();
        using (logger.BeginScope(new InvocationScope("8476a536-e9f4-11e8-9739-2dfe598c3fcd")))
        {
            await Task.WhenAll(Task.Run(() => logger.LambdaHostReady(1)), Task.Run(() => logger.LambdaHostReady(2)));
        }

        logger.LambdaHostStopping();

        var lines = output.JsonLines;
        Assert.Equal(3, lines.Count);
        Assert.All(lines.Take(2), line => Assert.Equal("8476a536-e9f4-11e8-9739-2dfe598c3fcd", line.GetProperty("requestId").GetString()));
        Assert.False(lines[2].TryGetProperty("requestId", out _));
    }

    [Fact]
    public void An_exception_is_logged_by_type_only()
    {
        var secret = "password=hunter2hunter2";
        Logger().InvocationFailed("InvalidOperationException", "sanitized", new InvalidOperationException(secret, new IOException(secret)));

        var line = Assert.Single(output.JsonLines);
        Assert.Equal("System.InvalidOperationException", line.GetProperty("exception").GetString());
        Assert.DoesNotContain("hunter2", output.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_JSON_values_are_nested_objects_not_strings()
    {
        Logger().ClusterReport(LogLevel.Information, "prod-eu", "eu-west-1", "succeeded", 1, 1, new RawJson("""{"status":"succeeded","secrets":[]}"""));

        var report = Assert.Single(output.JsonLines).GetProperty("report");
        Assert.Equal(JsonValueKind.Object, report.ValueKind);
        Assert.Equal("succeeded", report.GetProperty("status").GetString());
    }

    [Fact]
    public void Entries_below_the_minimum_level_are_not_written()
    {
        var logger = Logger(LogLevel.Warning);

        logger.LambdaHostReady(1);
        logger.DeadlineIgnored("5000", 60);
        logger.LambdaInitFailed("X", "y");

        Assert.Equal(["WARN", "FATAL"], output.JsonLines.Select(line => line.GetProperty("level").GetString()));
        Assert.False(logger.IsEnabled(LogLevel.Information));
        Assert.False(logger.IsEnabled(LogLevel.None));
    }

    [Theory]
    [InlineData(null, LogLevel.Information)]
    [InlineData("", LogLevel.Information)]
    [InlineData("TRACE", LogLevel.Trace)]
    [InlineData("debug", LogLevel.Debug)]
    [InlineData("INFO", LogLevel.Information)]
    [InlineData("WARN", LogLevel.Warning)]
    [InlineData("ERROR", LogLevel.Error)]
    [InlineData("FATAL", LogLevel.Critical)]
    [InlineData("LOUD", LogLevel.Information)]
    public void AWS_LAMBDA_LOG_LEVEL_gives_the_minimum_level(string? value, LogLevel expected)
    {
        var variables = new Dictionary<string, string>();
        if (value is not null)
        {
            variables["AWS_LAMBDA_LOG_LEVEL"] = value;
        }

        Assert.Equal(expected, LogLevels.Minimum(new AppEnvironment(variables, AppContext.BaseDirectory)));
    }

    [Theory]
    [InlineData(LogLevel.Trace, "TRACE")]
    [InlineData(LogLevel.Debug, "DEBUG")]
    [InlineData(LogLevel.Information, "INFO")]
    [InlineData(LogLevel.Warning, "WARN")]
    [InlineData(LogLevel.Error, "ERROR")]
    [InlineData(LogLevel.Critical, "FATAL")]
    public void Levels_have_the_Lambda_names(LogLevel level, string name) => Assert.Equal(name, LogLevels.Name(level));
}
