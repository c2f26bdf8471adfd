using System.Text.Json;

namespace EcrPublicLambda.Fakes;

/// <summary>What the runtime posted: a response, an invocation error or an init error, as it came over the wire.</summary>
public sealed record FakeRuntimeApiOutcome(bool IsError, string Body, string? ContentType, string? ErrorTypeHeader)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    /// <summary>The <c>errorType</c> of an error body.</summary>
    public string? ErrorType => Json.GetProperty("errorType").GetString();

    /// <summary>The <c>errorMessage</c> of an error body.</summary>
    public string? ErrorMessage => Json.GetProperty("errorMessage").GetString();
}
