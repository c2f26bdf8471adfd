namespace EcrPublicLambda.Hosting.Lambda;

/// <summary>The error document the Runtime API takes for a failed invocation or a failed init.</summary>
/// <remarks>The stack trace is always sent empty: frames say nothing to the caller and messages are already sanitized.</remarks>
internal sealed record InvocationError(string ErrorMessage, string ErrorType, IReadOnlyList<string> StackTrace)
{
    internal InvocationError(string errorType, string errorMessage)
        : this(errorMessage, errorType, [])
    {
    }
}
