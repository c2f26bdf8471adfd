namespace EcrPublicLambda.Hosting;

/// <summary>Process exit codes (README, "Exit codes").</summary>
internal static class ExitCodes
{
    /// <summary>Everything succeeded.</summary>
    internal const int Success = 0;

    /// <summary>The run finished with failures.</summary>
    internal const int Failures = 1;

    /// <summary>Bad input (config, arguments, payload): nothing was sent anywhere.</summary>
    internal const int BadInput = 2;
}
