namespace EcrPublicLambda.Hosting;

/// <summary>`bootstrap token`.</summary>
internal static class TokenCommand
{
    internal static Task<int> RunAsync(string[] args, HostContext context)
    {
        _ = args;
        _ = context;
        throw new CliUsageException("\"token\" is not built yet");
    }
}
