namespace EcrPublicLambda.Hosting.Lambda;

/// <summary>An invocation payload that cannot be run. <see cref="Errors"/> names every problem, each with its JSON path.</summary>
internal sealed class InvalidPayloadException(IReadOnlyList<string> errors)
    : Exception(string.Join("; ", errors))
{
    internal const string ErrorType = "InvalidPayload";

    internal IReadOnlyList<string> Errors { get; } = errors;
}
