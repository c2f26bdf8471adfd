using System.Text.Json;
using EcrPublicLambda.Aws;
using EcrPublicLambda.Configuration;
using EcrPublicLambda.Refresh;

namespace EcrPublicLambda.Hosting;

/// <summary>
/// <c>bootstrap refresh|cleanup [--config FILE] [--cluster NAME]... [--dry-run] [-o table|json]</c>: one run of the
/// command's operation (<c>cleanup</c> is the reverse of <c>refresh</c> over the same clusters and namespaces), the
/// report on stdout (a table on a terminal, JSON otherwise); the same options and exit codes for each.
/// </summary>
internal static class RunCommand
{
    private static readonly HashSet<string> ValueOptions = new(["--config", "--cluster", OutputChoice.Short, OutputChoice.Long], StringComparer.Ordinal);
    private static readonly HashSet<string> FlagOptions = new(["--dry-run"], StringComparer.Ordinal);

    internal static async Task<int> RunAsync(string[] args, HostContext context, RunOperation operation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(operation);
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
            using (var progress = new ProgressLine(terminal.Progress, context.Clock, operation.Name, CommandCatalog.ClusterCount(fleet, names)))
            {
                report = await new Refresher(aws, context.Clock, context.Logger, options)
                    .RunAsync(fleet, new RefreshRequest(names, arguments.Has("--dry-run")) { Operation = operation }, deadline: null, context.CancellationToken, progress.Done)
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
