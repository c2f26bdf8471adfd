using System.Reflection;
using EcrPublicLambda.Configuration;
using EcrPublicLambda.Refresh;

namespace EcrPublicLambda.Hosting;

/// <summary>The command-line face of <c>bootstrap</c> (when no Lambda Runtime API is set).</summary>
internal static class Cli
{
    internal const string Usage = """
        bootstrap - keeps Amazon ECR Public image-pull Secrets fresh in EKS clusters

        Usage:
          bootstrap refresh [--config FILE] [--cluster NAME]... [--dry-run] [-o table|json]
              One run over the fleet (or the named clusters); the report on stdout.
              --dry-run sends every write with dryRun=All: proves the permissions, persists nothing.
          bootstrap cleanup [--config FILE] [--cluster NAME]... [--dry-run] [-o table|json]
              The reverse of refresh: deletes this tool's Secret (never anyone else's) and takes it out of the
              service accounts' imagePullSecrets (every other entry kept); the report on stdout.
          bootstrap status [--config FILE] [--cluster NAME]... [-o table|json|html] [--expiring-within DURATION]
              Reads the fleet, writes nothing: each namespace fresh, expiring (within DURATION, default 6h),
              stale, missing, foreign or orphaned. Exit 0 only when every cluster was read and every
              selected namespace is fresh.
          bootstrap validate [--config FILE]
              Validates the fleet only; sends nothing.
          bootstrap token --cluster NAME --region REGION [--role-arn ARN]
              Prints an ExecCredential with an EKS bearer token, as `aws eks get-token` does.
          bootstrap --help | --version

        Config: --config FILE, else $CONFIG_FILE, else clusters.json beside the executable.
        Output (-o): table when stdout is a terminal (coloured unless NO_COLOR is set), json otherwise.
        Exit codes: 0 success; 1 the run finished with failures; 2 bad input (nothing was sent).
        With AWS_LAMBDA_RUNTIME_API set, bootstrap serves the Lambda Runtime API instead.
        """;

    internal static string Version =>
        typeof(Cli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    internal static async Task<int> RunAsync(string[] args, HostContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            switch (args.FirstOrDefault())
            {
                case null or "--help" or "-h" or "help":
                    await context.Out.WriteLineAsync(Usage).ConfigureAwait(false);
                    return args.Length == 0 ? ExitCodes.BadInput : ExitCodes.Success;
                case "--version":
                    await context.Out.WriteLineAsync($"bootstrap {Version}").ConfigureAwait(false);
                    return ExitCodes.Success;
                case "validate":
                    return await ValidateCommand.RunAsync(args, context).ConfigureAwait(false);
                case "token":
                    return await TokenCommand.RunAsync(args, context).ConfigureAwait(false);
                case "refresh":
                    return await RunCommand.RunAsync(args, context, RunOperation.Refresh).ConfigureAwait(false);
                case "cleanup":
                    return await RunCommand.RunAsync(args, context, RunOperation.Cleanup).ConfigureAwait(false);
                case "status":
                    return await StatusCommand.RunAsync(args, context).ConfigureAwait(false);
                default:
                    throw new CliUsageException($"unknown command \"{args[0]}\" (expected refresh, cleanup, status, validate or token; see --help)");
            }
        }
        catch (CliUsageException e)
        {
            await context.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
    }
}
