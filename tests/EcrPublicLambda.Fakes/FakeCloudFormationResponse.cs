using System.Text.Json;

namespace EcrPublicLambda.Fakes;

/// <summary>One PUT the fake ResponseURL received, as it came over the wire, and the status S3 answered.</summary>
/// <param name="ContentType">The raw <c>Content-Type</c> header: null when none was sent, empty when sent empty.</param>
public sealed record FakeCloudFormationResponse(string Method, string PathAndQuery, string? ContentType, long? ContentLength, string Body, int Status)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();
}
