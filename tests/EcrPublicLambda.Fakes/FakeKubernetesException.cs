using System.Text.Json.Nodes;

namespace EcrPublicLambda.Fakes;

/// <summary>An API error the fake answers with: the HTTP code and a real <c>Status</c> body.</summary>
#pragma warning disable CA1032 // Not a general-purpose exception: it always carries a Status.
internal sealed class FakeKubernetesException(int code, JsonObject status)
    : Exception((string?)status["message"] ?? $"HTTP {code}")
#pragma warning restore CA1032
{
    internal int Code { get; } = code;

    internal JsonObject Status { get; } = status;
}
