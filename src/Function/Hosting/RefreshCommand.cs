using System.Text.Json;
using EcrPublicLambda.Aws;
using EcrPublicLambda.Configuration;
using EcrPublicLambda.Refresh;

namespace EcrPublicLambda.Hosting;

/// <summary>
/// <c>bootstrap refresh [--config FILE] [--cluster NAME]... [--dry-run] [-o table|json]</c>: one run, the report on stdout (a table on a terminal, JSON otherwise). With
/// <c>cleanup</c> the same command line runs a cleanup instead (<see cref="CleanupCommand"/>).
/// </summary>
internal static class RefreshCommand
{
    private static readonly HashSet<string> ValueOptions = new(["--config", "--cluster", OutputChoice.Short, OutputChoice.Long], StringComparer.Ordinal);
    private static readonly HashSet<string> FlagOptions = new(["--dry-run"], StringComparer.Ordinal);

    internal static async Task<int> RunAsync(string[] args, HostContext context, bool cleanup = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        var arguments = CliArguments.Parse(args, ValueOptions, FlagOptions);

        if (await CommandCatalog.LoadAsync(arguments.Single("--config"), context).ConfigureAwait(false) is not { } fleet)
        {
            return ExitCodes.BadInput;
        }

        var terminal = context.Terminal ?? TerminalInfo.None;
        var output = OutputChoice.From(arguments, terminal, htmlAllowed: false);
        var names = CommandCatalog.SelectedClusters(arguments, fleet);
        RefreshOptions options;
        try
        {
            options = Options(context.Environment);
        }
        catch (FormatException e)
        {
            throw new CliUsageException(e.Message);
        }

        var aws = CommandCatalog.AwsClients(context);
        using (aws)
        {
            RefreshReport report;
            using (var progress = new ProgressLine(terminal.Progress, context.Clock, cleanup ? "cleanup" : "refresh", CommandCatalog.ClusterCount(fleet, names)))
            {
                report = await new Refresher(aws, context.Clock, context.Logger, options)
                    .RunAsync(fleet, new RefreshRequest(names, arguments.Has("--dry-run"), cleanup), deadline: null, context.CancellationToken, progress.Done)
                    .ConfigureAwait(false);
            }

            await context.Out.WriteAsync(output == OutputFormat.Table
                ? ReportTable.Render(report, terminal.Colour)
                : JsonSerializer.Serialize(report, JsonContext.Indented.RefreshReport) + "\n").ConfigureAwait(false);
            return report.Status == RunStatus.Succeeded ? ExitCodes.Success : ExitCodes.Failures;
        }
    }

    /// <summary>
    /// The run's tuning from the environment: the Lease duration of <see cref="RunLease.DurationVariable"/> (the deployment
    /// sets it when the function has no reserved concurrency) and the holder's name. Throws <see cref="FormatException"/>
    /// for a bad duration.
    /// </summary>
    internal static RefreshOptions Options(AppEnvironment environment) => new()
    {
        LeaseDuration = RunLease.Duration(environment),
        LeaseHolder = environment.Get("AWS_LAMBDA_FUNCTION_NAME") ?? "bootstrap",
    };
}
