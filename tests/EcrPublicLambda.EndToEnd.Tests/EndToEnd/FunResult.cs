using System.Text.Json;

namespace EcrPublicLambda.Tests.EndToEnd;

/// <summary>One invocation as @vercel/fun answered it (an element of fun-invoke.js's RESULT.json).</summary>
/// <param name="FunctionError">null for a response; <c>Handled</c> for an invocation error; <c>Unhandled</c> when the process died or failed its init.</param>
/// <param name="Payload">The raw response body: the report, or <c>{"errorType":…,"errorMessage":…}</c>.</param>
internal sealed record FunResult(int StatusCode, string? FunctionError, string Payload)
{
    /// <summary>The payload parsed as JSON.</summary>
    internal JsonElement Json
    {
        get
        {
            using var document = JsonDocument.Parse(Payload);
            return document.RootElement.Clone();
        }
    }

    internal string ErrorType => Json.GetProperty("errorType").GetString()!;

    internal string ErrorMessage => Json.GetProperty("errorMessage").GetString()!;

    /// <summary>Leaves the payload out: a failing assertion prints the record, and a payload may hold what is under test.</summary>
    public override string ToString() => $"FunResult({StatusCode}, {FunctionError ?? "no function error"}, {Payload.Length} payload chars)";
}
