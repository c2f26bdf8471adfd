using Microsoft.Extensions.Logging.Abstractions;

namespace EcrPublicLambda.Hosting;

/// <summary>Composes the app: reads the environment once and runs the Lambda host or the command line.</summary>
internal static class App
{
    internal static async Task<int> RunAsync(string[] args, HttpClient? http = null, CancellationToken cancellationToken = default)
    {
        using var ownedHttp = http is null ? new HttpClient() : null;
        var context = new HostContext(
            AppEnvironment.FromProcess(),
            Console.Out,
            Console.Error,
            http ?? ownedHttp!,
            TimeProvider.System,
            NullLogger.Instance,
            cancellationToken);
        return await RunAsync(args, context).ConfigureAwait(false);
    }

    /// <summary>The seam the tests use: everything the app touches comes in through <paramref name="context"/>.</summary>
    internal static Task<int> RunAsync(string[] args, HostContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Cli.RunAsync(args, context);
    }
}
