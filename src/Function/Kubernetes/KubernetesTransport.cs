using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Kubernetes;

/// <summary>
/// HTTPS to one API server: TLS verified against the cluster's CA only, pooled connections, a bound on
/// concurrent requests, a fresh bearer token when the cached one ages out, and bounded retries with backoff and
/// jitter for 429 (honouring <c>Retry-After</c>), 5xx and transport errors. Other 4xx are answered as they come.
/// </summary>
internal sealed class KubernetesTransport : IDisposable
{
    private static readonly string UserAgent = "ecr-public-lambda/" +
        (typeof(KubernetesTransport).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");

    private readonly Uri endpoint;
    private readonly HttpClient http;
    private readonly SemaphoreSlim concurrency;
    private readonly BearerTokenCache tokens;
    private readonly KubernetesClusterOptions options;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private int lastCertificateProblem;

    internal KubernetesTransport(
        Uri endpoint,
        X509Certificate2Collection authorities,
        Func<CancellationToken, ValueTask<string>> bearerToken,
        KubernetesClusterOptions options,
        TimeProvider clock,
        ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConcurrency, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1);
        this.endpoint = endpoint;
        this.options = options;
        this.clock = clock;
        this.logger = logger;
        concurrency = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);
        // The cache holds the whole Authorization value, so a request does not build it again.
        tokens = new BearerTokenCache(
            async cancellationToken => await bearerToken(cancellationToken).ConfigureAwait(false) is { Length: > 0 } token ? "Bearer " + token : string.Empty,
            clock,
            options.TokenLifetime);
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            MaxConnectionsPerServer = options.MaxConcurrency,

            // HTTP/2 (ALPN h2, as the API server offers it): every request of the cluster shares one TLS connection
            // (one handshake, one chain check) instead of one per concurrent request; more only if its streams run out.
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = options.RequestTimeout,
            AutomaticDecompression = DecompressionMethods.None,
            AllowAutoRedirect = false,
            SslOptions = new SslClientAuthenticationOptions
            {
                // The cluster's CA and nothing else; there is deliberately no way to turn this off.
                CertificateChainPolicy = ClusterCertificateAuthority.TrustOnly(authorities),
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                RemoteCertificateValidationCallback = (_, _, _, errors) =>
                {
                    // The errors come from the policy above; keep them so the failure can say what was wrong.
                    if (errors != SslPolicyErrors.None)
                    {
                        Volatile.Write(ref lastCertificateProblem, (int)errors);
                    }

                    return errors == SslPolicyErrors.None;
                },
            },
        };
        http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>
    /// Sends one logical request (retrying as needed). Never throws for HTTP or network failures; only on cancellation.
    /// With <paramref name="successBody"/> false, a 2xx answer's body is read and dropped (its <see cref="KubernetesResponse.Body"/>
    /// is empty): the caller needs only the status, and a run of thousands of writes need not hold every returned object.
    /// </summary>
    internal async Task<KubernetesResponse> SendAsync(
        HttpMethod method,
        string pathAndQuery,
        string? contentType,
        byte[]? body,
        CancellationToken cancellationToken,
        bool successBody = true)
    {
        var tokenRenewed = false;
        for (var attempt = 1; ; attempt++)
        {
            string authorization;
            try
            {
                authorization = await tokens.GetAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return KubernetesResponse.Failure("could not get a bearer token for the cluster: " + e.Message, attempt);
            }

            var outcome = await SendOnceAsync(method, pathAndQuery, contentType, body, authorization, successBody, cancellationToken).ConfigureAwait(false);
            if (outcome.Response is { StatusCode: 401 } && !tokenRenewed)
            {
                // A token that aged out on the server's clock: ask for a fresh one, once.
                tokenRenewed = true;
                tokens.Invalidate(authorization);
                attempt--;
                continue;
            }

            var retryable = outcome.Response is { } answer ? IsRetryable(answer.StatusCode) : outcome.TransportRetryable;
            if (!retryable || attempt >= options.MaxAttempts)
            {
                return outcome.Response is { } final
                    ? new KubernetesResponse(final.StatusCode, final.Body, null) { Attempts = attempt }
                    : KubernetesResponse.Failure(outcome.TransportError!, attempt);
            }

            var delay = outcome.RetryAfter ?? Backoff(attempt);
            logger.KubernetesRetry(
                method.Method,
                PathOnly(pathAndQuery),
                outcome.Response is { } r ? r.StatusCode.ToString(CultureInfo.InvariantCulture) : outcome.TransportError!,
                attempt,
                (long)delay.TotalMilliseconds);
            await DelayAsync(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        http.Dispose();
        concurrency.Dispose();
        tokens.Dispose();
    }

    public override string ToString() => $"KubernetesTransport({endpoint.Authority})";

    private static bool IsRetryable(int statusCode) =>
        statusCode == 429 || (statusCode >= 500 && statusCode != 501);

    private static string PathOnly(string pathAndQuery)
    {
        var query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? pathAndQuery : pathAndQuery[..query];
    }

    private async Task<Outcome> SendOnceAsync(
        HttpMethod method,
        string pathAndQuery,
        string? contentType,
        byte[]? body,
        string authorization,
        bool successBody,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(endpoint, pathAndQuery))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };

        // Fixed, well-formed values: added as they are, without parsing them into header objects for every request.
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType ?? "application/json");
        }

        using var timeout = new CancellationTokenSource(options.RequestTimeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        await concurrency.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            byte[] bytes;
            if (successBody || !response.IsSuccessStatusCode)
            {
                bytes = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            }
            else
            {
                await response.Content.CopyToAsync(Stream.Null, linked.Token).ConfigureAwait(false);
                bytes = [];
            }

            return new Outcome(new KubernetesResponse((int)response.StatusCode, bytes, null), null, false, RetryAfter(response));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Outcome(null, $"no answer from {endpoint.Authority} within {options.RequestTimeout.TotalSeconds:0.#}s", true, null);
        }
        catch (HttpRequestException e)
        {
            var (message, retryable) = DescribeTransportError(e);
            return new Outcome(null, message, retryable, null);
        }
        finally
        {
            concurrency.Release();
        }
    }

    private (string Message, bool Retryable) DescribeTransportError(HttpRequestException e)
    {
        var authority = endpoint.Authority;
        if (e.HttpRequestError == HttpRequestError.SecureConnectionError || FindInner<AuthenticationException>(e) is not null)
        {
            var problem = (SslPolicyErrors)Interlocked.Exchange(ref lastCertificateProblem, 0);
            if (problem.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
            {
                return ($"TLS: the server certificate of {authority} is not signed by the cluster's CA", false);
            }

            if (problem.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
            {
                return ($"TLS: the server certificate does not name {endpoint.Host}", false);
            }

            if (problem.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
            {
                return ($"TLS: {authority} presented no certificate", false);
            }

            return ($"TLS handshake with {authority} failed", true);
        }

        if (FindInner<SocketException>(e) is { } socket)
        {
            return socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => ($"connection refused by {authority}", true),
                SocketError.HostNotFound or SocketError.NoData => ($"cannot resolve {endpoint.Host}", true),
                SocketError.TimedOut => ($"connecting to {authority} timed out", true),
                SocketError.ConnectionReset => ($"connection to {authority} was reset", true),
                _ => ($"cannot reach {authority}: {socket.SocketErrorCode}", true),
            };
        }

        return e.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => ($"cannot resolve {endpoint.Host}", true),
            HttpRequestError.ConnectionError => ($"cannot connect to {authority}", true),
            HttpRequestError.ResponseEnded => ($"{authority} closed the connection before answering", true),
            _ => ($"request to {authority} failed: {e.HttpRequestError}", true),
        };
    }

    private static T? FindInner<T>(Exception e)
        where T : Exception
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            if (current is T match)
            {
                return match;
            }
        }

        return null;
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } header)
        {
            return null;
        }

        var wait = header.Delta ?? (header.Date is { } date ? date - clock.GetUtcNow() : TimeSpan.Zero);
        if (wait < TimeSpan.Zero)
        {
            wait = TimeSpan.Zero;
        }

        return wait > options.MaxRetryAfter ? options.MaxRetryAfter : wait;
    }

    /// <summary>Exponential backoff with jitter: a random wait in [cap/2, cap], cap = base * 2^(attempt-1) bounded by the maximum.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var cap = options.BaseBackoff.TotalMilliseconds * Math.Pow(2, attempt - 1);
        cap = Math.Min(cap, options.MaxBackoff.TotalMilliseconds);
#pragma warning disable CA5394 // Jitter needs no cryptographic randomness.
        var jittered = (cap / 2) + (Random.Shared.NextDouble() * cap / 2);
#pragma warning restore CA5394
        return TimeSpan.FromMilliseconds(jittered);
    }

    private Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        options.Delay is { } delayFunc ? delayFunc(delay, cancellationToken) : Task.Delay(delay, clock, cancellationToken);

    private sealed record Outcome(KubernetesResponse? Response, string? TransportError, bool TransportRetryable, TimeSpan? RetryAfter);
}
