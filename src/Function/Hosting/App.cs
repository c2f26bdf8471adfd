using System.Runtime.InteropServices;
using EcrPublicLambda.Configuration;
using EcrPublicLambda.Hosting.Logging;

namespace EcrPublicLambda.Hosting;

/// <summary>Composes the app: reads the environment once and runs the Lambda host or the command line.</summary>
internal static class App
{
    internal const string LoggerCategory = "EcrPublicLambda";

    internal static async Task<int> RunAsync(string[] args, HttpClient? http = null, CancellationToken cancellationToken = default)
    {
        var environment = AppEnvironment.FromProcess();
        var lambda = LambdaFunction.IsLambda(environment);
        using var ownedHttp = http is null ? Aws.AwsHttpClient.Create() : null;

        // On a terminal, stderr keeps a progress line below the log lines; Lambda has no terminal.
        var outIsTerminal = !lambda && !Console.IsOutputRedirected;
        var progress = !lambda && !Console.IsErrorRedirected ? new ProgressWriter(Console.Error) : null;
        var terminal = new TerminalInfo(outIsTerminal, progress is not null, TerminalInfo.ColourAllowed(outIsTerminal, environment), progress);
        TextWriter error = progress ?? Console.Error;

        // JSON log lines: stdout in Lambda (CloudWatch reads it), stderr on the command line (stdout carries the report).
        using var logs = new JsonLoggerProvider(lambda ? Console.Out : error, LogLevels.Minimum(environment), TimeProvider.System);

        // SIGTERM (from Lambda only when an extension is registered; from emulators and containers): stop the loop cleanly.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = lambda
            ? PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
            {
                signal.Cancel = true;
                stop.Cancel();
            })
            : null;

        var context = new HostContext(
            environment,
            Console.Out,
            error,
            http ?? ownedHttp!,
            TimeProvider.System,
            logs.CreateLogger(LoggerCategory),
            stop.Token,
            terminal);
        return await RunAsync(args, context).ConfigureAwait(false);
    }

    /// <summary>The seam the tests use: everything the app touches comes in through <paramref name="context"/>.</summary>
    internal static Task<int> RunAsync(string[] args, HostContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return LambdaFunction.IsLambda(context.Environment) ? LambdaFunction.RunAsync(context) : Cli.RunAsync(args, context);
    }
}
