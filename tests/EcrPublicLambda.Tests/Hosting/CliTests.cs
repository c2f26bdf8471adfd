using EcrPublicLambda.Configuration;
using EcrPublicLambda.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcrPublicLambda.Tests.Hosting;

public sealed class CliTests
{
    private static async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var http = new HttpClient();
        var context = new HostContext(
            new AppEnvironment(new Dictionary<string, string>(), AppContext.BaseDirectory),
            stdout, stderr, http, TimeProvider.System, NullLogger.Instance, CancellationToken.None);
        var code = await App.RunAsync(args, context);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Help_prints_usage_and_exits_0()
    {
        var (code, stdout, _) = await RunAsync("--help");
        Assert.Equal(0, code);
        Assert.Contains("bootstrap refresh [--config FILE] [--cluster NAME]... [--dry-run]", stdout, StringComparison.Ordinal);
        Assert.Contains("bootstrap cleanup [--config FILE] [--cluster NAME]... [--dry-run]", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cleanup_takes_the_options_of_refresh_only()
    {
        var (code, _, stderr) = await RunAsync("cleanup", "--force");
        Assert.Equal(2, code);
        Assert.Contains("unknown argument \"--force\" for \"cleanup\"", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_prints_the_assembly_version()
    {
        var (code, stdout, _) = await RunAsync("--version");
        Assert.Equal(0, code);
        Assert.Matches(@"^bootstrap \d+\.\d+\.\d+\s*$", stdout);
    }

    [Fact]
    public async Task Unknown_command_is_bad_input()
    {
        var (code, _, stderr) = await RunAsync("frobnicate");
        Assert.Equal(2, code);
        Assert.Contains("unknown command \"frobnicate\"", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_arguments_prints_usage_and_is_bad_input()
    {
        var (code, stdout, _) = await RunAsync();
        Assert.Equal(2, code);
        Assert.Contains("Usage:", stdout, StringComparison.Ordinal);
    }
}
