using System.Text.Json;
using EcrPublicLambda.Aws;
using EcrPublicLambda.Configuration;
using EcrPublicLambda.Refresh;

namespace EcrPublicLambda.Hosting;

/// <summary>
/// <c>bootstrap refresh|cleanup [--config FILE] [--cluster NAME]... [--dry-run]</c>: one run of the command's
/// operation (<c>cleanup</c> is the reverse of <c>refresh</c> over the same clusters and namespaces), the JSON report on
/// stdout; the same options and exit codes for each.
/// </summary>
internal static class RunCommand
{
    private static readonly HashSet<string> ValueOptions = new(["--config", "--cluster"], StringComparer.Ordinal);
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

        var names = arguments.All("--cluster").Distinct(StringComparer.Ordinal).ToList();
        var unknown = names.Where(name => !fleet.HasCluster(name)).ToList();
        if (unknown.Count > 0)
        {
            throw new CliUsageException(
                $"--cluster: {string.Join(", ", unknown.Select(name => $"\"{name}\""))} not in the fleet " +
                $"(it has: {fleet.DescribeClusterNames()})");
        }

        AwsClients aws;
        try
        {
            aws = new AwsClients(context.Environment, context.Http, context.Clock, context.Logger);
        }
        catch (FormatException e)
        {
            throw new CliUsageException(e.Message);
        }

        using (aws)
        {
            var report = await new Refresher(aws, context.Clock, context.Logger)
                .RunAsync(fleet, new RefreshRequest(names, arguments.Has("--dry-run")) { Operation = operation }, deadline: null, context.CancellationToken)
                .ConfigureAwait(false);
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(report, JsonContext.Indented.RefreshReport)).ConfigureAwait(false);
            return report.Status == RunStatus.Succeeded ? ExitCodes.Success : ExitCodes.Failures;
        }
    }
}
