namespace EcrPublicLambda.Hosting;

/// <summary>`bootstrap refresh`.</summary>
internal static class RefreshCommand
{
    internal static Task<int> RunAsync(string[] args, HostContext context)
    {
        _ = args;
        _ = context;
        throw new CliUsageException("\"refresh\" is not built yet");
    }
}
