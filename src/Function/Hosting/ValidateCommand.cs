namespace EcrPublicLambda.Hosting;

/// <summary>`bootstrap validate`.</summary>
internal static class ValidateCommand
{
    internal static Task<int> RunAsync(string[] args, HostContext context)
    {
        _ = args;
        _ = context;
        throw new CliUsageException("\"validate\" is not built yet");
    }
}
