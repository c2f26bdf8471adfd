namespace EcrPublicLambda.Configuration;

/// <summary>Process exit codes of the CLI, and of the CDK app for bad input.</summary>
public static class ExitCodes
{
    /// <summary>Everything succeeded.</summary>
    public const int Success = 0;

    /// <summary>The run finished with failures.</summary>
    public const int Failures = 1;

    /// <summary>Bad input (config, arguments, payload): nothing was sent anywhere.</summary>
    public const int BadInput = 2;
}
