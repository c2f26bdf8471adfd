using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using EcrPublicLambda.Common;
using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Aws;

/// <summary>
/// Sends signed AWS requests over the one shared <see cref="HttpClient"/>, retrying under the one
/// <see cref="RetryPolicy"/> (each attempt is signed afresh), and turns failures into <see cref="AwsServiceException"/>.
/// Requests are signed with the <see cref="AwsClock"/>'s corrected time; every response's <c>Date</c> teaches it.
/// A clock skew error (<see cref="AwsRetryPolicy.IsClockSkew"/>) is sent again at once, signed with the corrected
/// time, when the clock was corrected since the request was signed (by this answer's <c>Date</c> or a concurrent
/// one's); once per attempt, and the attempt's skew error is not retryable, so a second one is reported as it is.
/// </summary>
internal sealed class AwsHttpSender(HttpClient http, RetryPolicy retry, TimeProvider clock, ILogger logger, AwsClock? awsClock = null)
{
    private readonly AwsClock signingClock = awsClock ?? new AwsClock(clock);

    /// <summary>One attempt may take this long before it counts as a transport error.</summary>
    internal static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Sends <paramref name="request"/>; returns the body of the 2xx response.</summary>
    /// <exception cref="AwsServiceException">An error response, or no response, after the retries allowed.</exception>
    internal async Task<byte[]> SendAsync(AwsRequest request, AwsCredentials credentials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        var (outcome, _) = await retry.ExecuteAsync(
            (attempt, token) => AttemptAsync(request, credentials, attempt, token),
            (attempt, failed, wait) => logger.AwsCallRetrying(request.Service, request.Operation, attempt, failed.Reason, (long)wait.TotalMilliseconds),
            cancellationToken).ConfigureAwait(false);
        if (outcome.Error is { } error)
        {
            logger.AwsCallFailed(request.Service, request.Operation, error.Code, (int)error.StatusCode);
            throw error;
        }

        return outcome.Body!;
    }

    /// <summary>One signed attempt: the 2xx body, or the error it would end in and the reason a retry would name.</summary>
    private async Task<RetryAttempt<(byte[]? Body, AwsServiceException? Error, string Reason)>> AttemptAsync(
        AwsRequest request, AwsCredentials credentials, int attempt, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(AttemptTimeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var signedWith = signingClock.Offset;
            var (response, body) = await SendSignedAsync(request, credentials, attempt, linked.Token).ConfigureAwait(false);
            var error = response.IsSuccessStatusCode ? null : AwsErrorResponse.Parse(response.StatusCode, response.Headers, body);
            var corrected = signingClock.Observe(response.Headers);

            // Resent when this answer corrected the clock, or another one did while this request was on its way.
            var resend = error is not null && AwsRetryPolicy.IsClockSkew(response.StatusCode, error.Code) && signingClock.Offset != signedWith;
            if (corrected || resend)
            {
                logger.AwsClockSkewCorrected(request.Service, request.Operation, (long)signingClock.Offset.TotalSeconds, resend ? "; sending the request again" : string.Empty);
            }

            if (resend)
            {
                response.Dispose();
                (response, body) = await SendSignedAsync(request, credentials, attempt, linked.Token).ConfigureAwait(false);
                error = response.IsSuccessStatusCode ? null : AwsErrorResponse.Parse(response.StatusCode, response.Headers, body);
            }

            using var answered = response;
            if (error is null)
            {
                return new((body, null, string.Empty), false);
            }

            var failure = new AwsServiceException(
                request.Service,
                error.Code,
                response.StatusCode,
                $"{request.Service} {request.Operation} failed: {error.Code} (HTTP {(int)response.StatusCode}): {error.SafeMessage(credentials)}");
            return new(
                (null, failure, $"HTTP {(int)response.StatusCode} {error.Code}"),
                AwsRetryPolicy.IsRetryable(response.StatusCode, error.Code),
                RetryPolicy.RetryAfter(response.Headers, clock));
        }
        catch (Exception e) when (IsTransport(e, cancellationToken))
        {
            var what = e is OperationCanceledException ? $"no response within {AttemptTimeout.TotalSeconds:0} s" : e.Message;
            var failure = new AwsServiceException(
                request.Service,
                AwsServiceException.TransportErrorCode,
                0,
                $"{request.Service} {request.Operation} failed: cannot reach {request.Url.GetLeftPart(UriPartial.Authority)} ({what})",
                e);
            return new((null, failure, what), true);
        }
    }

    /// <summary>Signs <paramref name="request"/> now (corrected time) and sends it; the response (the caller disposes it) and its body.</summary>
    private async Task<(HttpResponseMessage Response, byte[] Body)> SendSignedAsync(AwsRequest request, AwsCredentials credentials, int attempt, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var message = Build(request, credentials);
        var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        try
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            logger.AwsCallCompleted(request.Service, request.Operation, (int)response.StatusCode, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, attempt);
            return (response, body);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static bool IsTransport(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private HttpRequestMessage Build(AwsRequest request, AwsCredentials credentials)
    {
        var signature = SigV4Signer.Sign(
            credentials, request.SigningName, request.Region, request.Method.Method, request.Url, request.Headers, request.Body, signingClock.Now);
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
