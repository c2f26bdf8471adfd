using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Aws;

/// <summary>
/// Sends signed AWS requests over the one shared <see cref="HttpClient"/>, retrying per <see cref="AwsRetryPolicy"/>
/// (each attempt is signed afresh), and turns failures into <see cref="AwsServiceException"/>.
/// </summary>
internal sealed class AwsHttpSender(HttpClient http, AwsRetryPolicy retry, TimeProvider clock, ILogger logger)
{
    /// <summary>One attempt may take this long before it counts as a transport error.</summary>
    internal static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Sends <paramref name="request"/>; returns the body of the 2xx response.</summary>
    /// <exception cref="AwsServiceException">An error response, or no response, after the retries allowed.</exception>
    internal async Task<byte[]> SendAsync(AwsRequest request, AwsCredentials credentials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        for (var attempt = 1; ; attempt++)
        {
            var final = attempt > retry.MaxRetries;
            string reason;
            using (var timeout = new CancellationTokenSource(AttemptTimeout, clock))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
            {
                try
                {
                    var started = Stopwatch.GetTimestamp();
                    using var message = Build(request, credentials);
                    using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
                    var body = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
                    logger.AwsCallCompleted(request.Service, request.Operation, (int)response.StatusCode, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, attempt);
                    if (response.IsSuccessStatusCode)
                    {
                        return body;
                    }

                    var error = AwsErrorResponse.Parse(response.StatusCode, response.Headers, body);
                    if (final || !AwsRetryPolicy.IsRetryable(response.StatusCode, error.Code))
                    {
                        logger.AwsCallFailed(request.Service, request.Operation, error.Code, (int)response.StatusCode);
                        throw new AwsServiceException(
                            request.Service,
                            error.Code,
                            response.StatusCode,
                            $"{request.Service} {request.Operation} failed: {error.Code} (HTTP {(int)response.StatusCode}): {error.SafeMessage(credentials)}");
                    }

                    reason = $"HTTP {(int)response.StatusCode} {error.Code}";
                }
                catch (Exception e) when (IsTransport(e, cancellationToken))
                {
                    var what = e is OperationCanceledException ? $"no response within {AttemptTimeout.TotalSeconds:0} s" : e.Message;
                    if (final)
                    {
                        logger.AwsCallFailed(request.Service, request.Operation, AwsServiceException.TransportErrorCode, 0);
                        throw new AwsServiceException(
                            request.Service,
                            AwsServiceException.TransportErrorCode,
                            0,
                            $"{request.Service} {request.Operation} failed: cannot reach {request.Url.GetLeftPart(UriPartial.Authority)} ({what})",
                            e);
                    }

                    reason = what;
                }
            }

            var wait = retry.DelayFor(attempt - 1);
            logger.AwsCallRetrying(request.Service, request.Operation, attempt, reason, (long)wait.TotalMilliseconds);
            await retry.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsTransport(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private HttpRequestMessage Build(AwsRequest request, AwsCredentials credentials)
    {
        var signature = SigV4Signer.Sign(
            credentials, request.SigningName, request.Region, request.Method.Method, request.Url, request.Headers, request.Body, clock.GetUtcNow());
        var message = new HttpRequestMessage(request.Method, request.Url);
        if (request.Body.Length > 0 || request.Method != HttpMethod.Get)
        {
            message.Content = new ByteArrayContent(request.Body);
        }

        foreach (var (name, value) in request.Headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                message.Content ??= new ByteArrayContent(request.Body);
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
            }
            else
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        message.Headers.TryAddWithoutValidation("X-Amz-Date", signature.AmzDate);
        if (signature.SecurityToken is { } token)
        {
            message.Headers.TryAddWithoutValidation("X-Amz-Security-Token", token);
        }

        message.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return message;
    }
}
