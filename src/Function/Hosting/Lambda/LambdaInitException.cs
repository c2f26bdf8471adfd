namespace EcrPublicLambda.Hosting.Lambda;

/// <summary>The init could not make the handler: the error Lambda is told (its init error) and the process's exit code.</summary>
internal sealed class LambdaInitException(InvocationError error, int exitCode) : Exception(error?.ErrorMessage)
{
    internal InvocationError Error { get; } = error ?? throw new ArgumentNullException(nameof(error));

    internal int ExitCode { get; } = exitCode;
}
