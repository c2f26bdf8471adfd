using EcrPublicLambda.Common;

namespace EcrPublicLambda.Hosting.Lambda;

/// <summary>
/// Sends the answer of a custom-resource request: one HTTP PUT of the response JSON to the presigned ResponseURL, with
/// no Content-Type (an empty one: the URL is signed without it, so S3 refuses any other) and a Content-Length. A
/// transport error or a 5xx is retried under the one retry policy. Each attempt ends by the given deadline (the
/// invocation's), whatever the HttpClient's own timeout: an answer still on its way when Lambda ends the invocation
/// is lost. The URL is a credential: no message here names it.
/// </summary>
internal sealed class CustomResourceResponder(HttpClient http, TimeProvider clock)
{
    private readonly RetryPolicy retry = new(new RetryOptions { MaxAttempts = 3, Budget = TimeSpan.FromSeconds(10) }, clock);

    /// <summary>Puts <paramref name="body"/>; null when S3 took it, else what went wrong (without the URL).</summary>
    internal async Task<string?> SendAsync(Uri responseUrl, byte[] body, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(responseUrl);
        ArgumentNullException.ThrowIfNull(body);
        var (error, _) = await retry.ExecuteAsync<string?>(
            async (_, token) =>
            {
                var left = deadline - clock.GetUtcNow();
                if (left <= TimeSpan.Zero)
                {
                    return new RetryAttempt<string?>("no time was left before the invocation deadline", false);
                }

                using var timeout = new CancellationTokenSource(left, clock);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, timeout.Token);
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Put, responseUrl) { Content = new ByteArrayContent(body) };
                    request.Content.Headers.ContentLength = body.Length;
                    using var answer = await http.SendAsync(request, linked.Token).ConfigureAwait(false);
                    return answer.IsSuccessStatusCode
                        ? new RetryAttempt<string?>(null, false)
                        : new RetryAttempt<string?>($"the response URL answered {(int)answer.StatusCode} {answer.StatusCode}", (int)answer.StatusCode >= 500);
                }
                catch (HttpRequestException e)
                {
                    return new RetryAttempt<string?>(Describe(e, responseUrl), true);
                }
                catch (OperationCanceledException) when (timeout.IsCancellationRequested && !token.IsCancellationRequested)
                {
                    return new RetryAttempt<string?>("no answer from the response URL before the invocation deadline", false);
                }
                catch (TaskCanceledException e) when (!token.IsCancellationRequested)
                {
                    return new RetryAttempt<string?>(Describe(e, responseUrl), true);
                }
            },
            (_, _, _) => { },
            cancellationToken).ConfigureAwait(false);
        return error;
    }

    /// <summary>The failure, with the URL (whole, or its query) taken out before the usual sanitizing.</summary>
    private static string Describe(Exception e, Uri url) =>
        ErrorText.Sanitize(Redaction.Replace(e.Message, [url.OriginalString, url.AbsoluteUri, url.Query.Length > 1 ? url.Query : null]), 300)
        + (e is HttpRequestException { StatusCode: null, HttpRequestError: var kind } ? $" ({kind})" : string.Empty);
}
