using System.Net;

namespace EcrPublicLambda.Hosting.Lambda;

/// <summary>The Runtime API answered with something other than success. Carries the status only, never a body.</summary>
internal sealed class RuntimeApiException(string operation, HttpStatusCode? statusCode, string problem)
    : Exception($"Runtime API {operation}: {problem}")
{
    internal string Operation { get; } = operation;

    internal HttpStatusCode? StatusCode { get; } = statusCode;

    /// <summary>A 5xx (or no answer at all) means the execution environment is broken: the runtime must exit.</summary>
    internal bool IsFatal => StatusCode is null or >= HttpStatusCode.InternalServerError;
}
