using System.Net.Http.Headers;
using System.Text.Json;
using EcrPublicLambda.Hosting;

namespace EcrPublicLambda.Hosting.Lambda;

/// <summary>
/// The Lambda Runtime API (version 2018-06-01) over HTTP: next invocation, response, invocation error, init error.
/// </summary>
/// <remarks>
/// The next-invocation call is a long poll that may wait for hours between invocations, so the
/// <see cref="HttpClient"/> given here must have no timeout (<see cref="Timeout.InfiniteTimeSpan"/>).
/// </remarks>
internal sealed class RuntimeApiClient
{
    internal const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient http;
    private readonly Uri baseUri;

    internal RuntimeApiClient(HttpClient http, string runtimeApi)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentException.ThrowIfNullOrEmpty(runtimeApi);
        if (http.Timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException("the Runtime API needs an HttpClient without timeout: the next-invocation long poll may wait for hours", nameof(http));
        }

        this.http = http;
        baseUri = new Uri($"http://{runtimeApi}/2018-06-01/", UriKind.Absolute);
    }

    /// <summary>Waits (without time limit) for the next invocation.</summary>
    internal async Task<Invocation> NextAsync(CancellationToken cancellationToken)
    {
        const string operation = "next invocation";
        using var response = await http.GetAsync(new Uri(baseUri, "runtime/invocation/next"), HttpCompletionOption.ResponseContentRead, cancellationToken)
            .ConfigureAwait(false);
        EnsureSuccess(response, operation);
        var requestId = Header(response, "Lambda-Runtime-Aws-Request-Id")
            ?? throw new RuntimeApiException(operation, response.StatusCode, "no Lambda-Runtime-Aws-Request-Id header");
        var payload = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return new Invocation(
            requestId,
            Header(response, "Lambda-Runtime-Deadline-Ms"),
            Header(response, "Lambda-Runtime-Trace-Id"),
            Header(response, "Lambda-Runtime-Invoked-Function-Arn"),
            payload);
    }

    /// <summary>Posts the invocation's result (a JSON document).</summary>
    internal Task PostResponseAsync(string requestId, byte[] json, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = Json;
        return PostAsync($"runtime/invocation/{Uri.EscapeDataString(requestId)}/response", content, null, "invocation response", cancellationToken);
    }

    /// <summary>Ends the invocation as a function error of <see cref="InvocationError.ErrorType"/>.</summary>
    internal Task PostErrorAsync(string requestId, InvocationError error, CancellationToken cancellationToken) =>
        PostAsync($"runtime/invocation/{Uri.EscapeDataString(requestId)}/error", Serialize(error), error.ErrorType, "invocation error", cancellationToken);

    /// <summary>Reports that the function could not start. Lambda then ends the execution environment.</summary>
    internal Task PostInitErrorAsync(InvocationError error, CancellationToken cancellationToken) =>
        PostAsync("runtime/init/error", Serialize(error), error.ErrorType, "init error", cancellationToken);

    private static ByteArrayContent Serialize(InvocationError error)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(error, JsonContext.Relaxed.InvocationError));
        content.Headers.ContentType = Json;
        return content;
    }

    private async Task PostAsync(string path, HttpContent content, string? errorType, string operation, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, path)) { Content = content };
        if (errorType is not null)
        {
            request.Headers.TryAddWithoutValidation(ErrorTypeHeader, errorType);
        }

        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        EnsureSuccess(response, operation);
    }

    private static void EnsureSuccess(HttpResponseMessage response, string operation)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new RuntimeApiException(operation, response.StatusCode, $"HTTP {(int)response.StatusCode}");
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() is { Length: > 0 } value ? value : null : null;
}
