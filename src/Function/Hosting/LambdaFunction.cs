using EcrPublicLambda.Configuration;
using EcrPublicLambda.Hosting.Lambda;

namespace EcrPublicLambda.Hosting;

/// <summary>
/// Composes the Lambda side of <c>bootstrap</c> (when <c>AWS_LAMBDA_RUNTIME_API</c> is set): the Runtime API client,
/// the host loop and the refresh run it calls per invocation. <see cref="Engine"/> is the one place where the
/// refresh engine is plugged in.
/// </summary>
internal static class LambdaFunction
{
    internal const string RuntimeApiVariable = "AWS_LAMBDA_RUNTIME_API";

    internal static bool IsLambda(AppEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.Get(RuntimeApiVariable) is not null;
    }

    internal static Task<int> RunAsync(HostContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return RunAsync(context, Engine(context));
    }

    /// <summary>
    /// Serves the Runtime API with <paramref name="refresh"/> as the run (the seam the tests use). The registry comes
    /// from <paramref name="loadRegistry"/>, by default <c>CONFIG_FILE</c> else <c>clusters.json</c> in <c>LAMBDA_TASK_ROOT</c>.
    /// </summary>
    internal static async Task<int> RunAsync(HostContext context, RefreshHandler refresh, Func<Registry>? loadRegistry = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var runtimeApi = context.Environment.Get(RuntimeApiVariable)
            ?? throw new InvalidOperationException($"{RuntimeApiVariable} is not set");

        // A client of its own: the next-invocation long poll needs no timeout, and the Runtime API is local (no proxy).
        using var runtimeHttp = new HttpClient(new SocketsHttpHandler { UseProxy = false }, disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var host = new LambdaHost(
            new RuntimeApiClient(runtimeHttp, runtimeApi),
            context.Environment,
            loadRegistry ?? (() => RegistryFile.Load(null, context.Environment)),
            refresh,
            context.Out,
            context.Clock,
            context.Logger);
        return await host.RunAsync(context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The refresh run per invocation. Placeholder until the refresh engine lands: replace the body with the engine,
    /// built from <paramref name="context"/> (HTTP, clock, logger) afresh for every run.
    /// </summary>
    private static RefreshHandler Engine(HostContext context)
    {
        _ = context;
        return (_, _, _, _) => throw new NotSupportedException("the refresh engine is not wired into the Lambda host yet");
    }
}
