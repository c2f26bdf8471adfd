using System.Text.Json;
using EcrPublicLambda.Aws;
using EcrPublicLambda.Configuration;
using EcrPublicLambda.Refresh;

namespace EcrPublicLambda.Hosting;

/// <summary>
/// <c>bootstrap status [--config FILE] [--cluster NAME]... [-o table|json|html] [--expiring-within DURATION]</c>: reads
/// the fleet (no write, no registry login) and prints each namespace's verdict. Exit 0 when every cluster was read and
/// every selected namespace is fresh, 1 otherwise, 2 for bad input. <c>--dry-run</c> is refused: nothing is written.
/// </summary>
internal static class StatusCommand
{
    private const string ExpiringWithin = "--expiring-within";
    private static readonly HashSet<string> ValueOptions = new(["--config", "--cluster", OutputChoice.Short, OutputChoice.Long, ExpiringWithin], StringComparer.Ordinal);
    private static readonly HashSet<string> FlagOptions = new(["--dry-run"], StringComparer.Ordinal);

    internal static async Task<int> RunAsync(string[] args, HostContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var arguments = CliArguments.Parse(args, ValueOptions, FlagOptions);
        if (arguments.Has("--dry-run"))
        {
            throw new CliUsageException("--dry-run: status only reads and writes nothing, so there is nothing to dry-run");
        }

        var terminal = context.Terminal ?? TerminalInfo.None;
        var output = OutputChoice.From(arguments, terminal, htmlAllowed: true);
        var window = StatusRequest.DefaultExpiringWithin;
        if (arguments.Single(ExpiringWithin) is { } text)
        {
            window = DurationText.Parse(text)
                ?? throw new CliUsageException($"{ExpiringWithin}: \"{TextTable.Safe(text.Length > 32 ? text[..32] + "..." : text)}\" is not a duration (e.g. 6h, 90m, 1h30m)");
        }

        if (await CommandCatalog.LoadAsync(arguments.Single("--config"), context).ConfigureAwait(false) is not { } fleet)
        {
            return ExitCodes.BadInput;
        }

        var names = CommandCatalog.SelectedClusters(arguments, fleet);
        using var aws = CommandCatalog.AwsClients(context);
        StatusReport report;
        using (var progress = new ProgressLine(terminal.Progress, context.Clock, "status", CommandCatalog.ClusterCount(fleet, names)))
        {
            report = await new StatusReader(aws, context.Clock, context.Logger)
                .ReadAsync(fleet, new StatusRequest(names, window), progress.Done, context.CancellationToken)
                .ConfigureAwait(false);
        }

        await context.Out.WriteAsync(output switch
        {
            OutputFormat.Table => StatusTable.Render(report, terminal.Colour),
            OutputFormat.Html => StatusPage.Render(report),
            _ => JsonSerializer.Serialize(report, JsonContext.Indented.StatusReport) + "\n",
        }).ConfigureAwait(false);
        return report.Healthy ? ExitCodes.Success : ExitCodes.Failures;
    }
}
