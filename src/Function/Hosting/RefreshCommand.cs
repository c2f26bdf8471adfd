using System.Text.Json;
using EcrPublicLambda.Aws;
using EcrPublicLambda.Configuration;
using EcrPublicLambda.Refresh;

namespace EcrPublicLambda.Hosting;

/// <summary>
/// <c>bootstrap refresh [--config FILE] [--cluster NAME]... [--dry-run]</c>: one run, the JSON report on stdout. With
/// <c>cleanup</c> the same command line runs a cleanup instead (<see cref="CleanupCommand"/>).
/// </summary>
internal static class RefreshCommand
{
    private static readonly HashSet<string> ValueOptions = new(["--config", "--cluster"], StringComparer.Ordinal);
    private static readonly HashSet<string> FlagOptions = new(["--dry-run"], StringComparer.Ordinal);

    internal static async Task<int> RunAsync(string[] args, HostContext context, bool cleanup = false)
    {
        ArgumentNullException.ThrowIfNull(context);
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
        RefreshOptions options;
        try
        {
            options = Options(context.Environment);
            aws = new AwsClients(context.Environment, context.Http, context.Clock, context.Logger);
        }
        catch (FormatException e)
        {
            throw new CliUsageException(e.Message);
        }

        using (aws)
        {
            var report = await new Refresher(aws, context.Clock, context.Logger, options)
                .RunAsync(fleet, new RefreshRequest(names, arguments.Has("--dry-run"), cleanup), deadline: null, context.CancellationToken)
                .ConfigureAwait(false);
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(report, JsonContext.Indented.RefreshReport)).ConfigureAwait(false);
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
