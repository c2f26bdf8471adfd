using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using EcrPublicLambda.Common;

namespace EcrPublicLambda.Aws;

/// <summary>
/// The error an AWS JSON / REST-JSON service returned: the code from the <c>x-amzn-ErrorType</c> header or the body's
/// <c>__type</c> / <c>code</c> (namespace and URI parts stripped), and the body's <c>message</c> / <c>Message</c>.
/// </summary>
internal sealed record AwsErrorResponse(string Code, string? Message)
{
    private const int MaxMessageLength = 300;

    internal static AwsErrorResponse Parse(HttpStatusCode status, HttpResponseHeaders headers, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(headers);
        string? code = headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.FirstOrDefault() : null;
        string? message = null;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (JsonDocument.TryParseValue(ref reader, out var document))
            {
                using (document)
                {
                    if (document.RootElement.ValueKind == JsonValueKind.Object)
                    {
                        code ??= Text(document.RootElement, "__type") ?? Text(document.RootElement, "code") ?? Text(document.RootElement, "Code");
                        message = Text(document.RootElement, "message") ?? Text(document.RootElement, "Message");
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, say): the status alone must do.
        }

        return new AwsErrorResponse(Clean(code) ?? $"HTTP{(int)status}", message);
    }

    /// <summary>The message made safe for logs and reports: first line only, bounded, credentials redacted.</summary>
    internal string SafeMessage(AwsCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if (string.IsNullOrWhiteSpace(Message))
        {
            return "(no message)";
        }

        var line = Message.Split('\n', 2)[0].Trim();
        return ErrorText.Truncate(credentials.Redact(line), MaxMessageLength);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary><c>com.amazonaws.eks#ResourceNotFoundException</c> or <c>ResourceNotFoundException:http://…</c> → <c>ResourceNotFoundException</c>.</summary>
    private static string? Clean(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var colon = code.IndexOf(':', StringComparison.Ordinal);
        code = colon >= 0 ? code[..colon] : code;
        var hash = code.LastIndexOf('#');
        code = hash >= 0 ? code[(hash + 1)..] : code;
        return code.Trim();
    }
}
