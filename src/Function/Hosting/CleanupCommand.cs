namespace EcrPublicLambda.Hosting;

/// <summary>
/// <c>bootstrap cleanup [--config FILE] [--cluster NAME]... [--dry-run]</c>: the reverse of <c>refresh</c> over the same
/// clusters and namespaces (deletes this tool's Secrets, takes their entries out of the service accounts); the JSON
/// report on stdout; the same options and exit codes.
/// </summary>
internal static class CleanupCommand
{
    internal static Task<int> RunAsync(string[] args, HostContext context) => RefreshCommand.RunAsync(args, context, cleanup: true);
}
