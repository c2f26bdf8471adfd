using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using EcrPublicLambda.Common;
using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Kubernetes;

/// <summary>
/// HTTPS to one API server: TLS verified against the cluster's CA only, pooled connections, a bound on
/// concurrent requests, a fresh bearer token when the cached one ages out, and retries under the one
/// <see cref="RetryPolicy"/> for 429 (honouring <c>Retry-After</c>), 5xx (but 501) and transport errors. Other 4xx
/// are answered as they come. A server that is hung or unreachable fails fast: connecting (TCP and TLS) is bounded by
/// <see cref="KubernetesClusterOptions.ConnectTimeout"/>, each attempt by <see cref="KubernetesClusterOptions.RequestTimeout"/>
/// from when it got its slot, and once the connection has failed for good the cluster's other requests fail at once
/// (<see cref="ConnectionLatch"/>). Every answer's body is read under a cap (<see cref="KubernetesClusterOptions.MaxListBytes"/>
/// for a list, <see cref="KubernetesClusterOptions.MaxObjectBytes"/> otherwise), enforced while reading
/// (<see cref="BoundedBody"/>): a larger answer fails that request alone, named as such.
/// </summary>
internal sealed class KubernetesTransport : IDisposable
{
    private static readonly string UserAgent = "ecr-public-lambda/" +
        (typeof(KubernetesTransport).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");

    private readonly Uri endpoint;
    private readonly HttpClient http;
    private readonly SemaphoreSlim concurrency;
    private readonly BearerTokenCache? tokens;
    private readonly KubernetesCredential credential;
    private readonly KubernetesClusterOptions options;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private readonly RetryPolicy retry;
    private readonly ConnectionLatch latch = new();
    private readonly string? unreachableHint;
    private int lastCertificateProblem;
    private int connectionAccepted;

    internal KubernetesTransport(
        Uri endpoint,
        X509Certificate2Collection authorities,
        KubernetesCredential credential,
        KubernetesClusterOptions options,
        TimeProvider clock,
        ILogger logger,
        string? unreachableHint = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConcurrency, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConnections, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Retry.MaxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxObjectBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxListBytes, 1);
        this.endpoint = endpoint;
        this.credential = credential;
        this.unreachableHint = unreachableHint;
        this.options = options;
        this.clock = clock;
        this.logger = logger;
        retry = new RetryPolicy(options.Retry, clock);
        concurrency = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);
        // The cache holds the whole Authorization value, so a request does not build it again.
        tokens = credential.BearerToken is { } bearerToken
            ? new BearerTokenCache(
                async cancellationToken => await bearerToken(cancellationToken).ConfigureAwait(false) is { Length: > 0 } token ? "Bearer " + token : string.Empty,
                clock,
                options.TokenLifetime)
            : null;
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            // HTTP/1.1 (a server or proxy without h2): a few connections, the other requests queue for them.
            MaxConnectionsPerServer = options.MaxConnections,

            // HTTP/2 (ALPN h2, as the API server offers it): every request of the cluster shares one TLS connection
            // (one handshake, one chain check) instead of one per concurrent request; more only if its streams run out.
            EnableMultipleHttp2Connections = true,

            // TCP connect and TLS handshake together; the callback notes that TCP got through, so a timeout can say which.
            ConnectTimeout = options.ConnectTimeout,
            ConnectCallback = ConnectAsync,
            AutomaticDecompression = DecompressionMethods.None,
            AllowAutoRedirect = false,
            SslOptions = new SslClientAuthenticationOptions
            {
                // The cluster's CA and nothing else; there is deliberately no way to turn this off.
                CertificateChainPolicy = ClusterCertificateAuthority.TrustOnly(authorities),
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,

                // Mutual TLS: the client certificate and the intermediates the secret gave, sent as they are (offline:
                // nothing is fetched to complete the chain).
                ClientCertificateContext = credential.ClientCertificate is { } certificate
                    ? SslStreamCertificateContext.Create(certificate, credential.ClientChain, offline: true)
                    : null,
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
        if (latch.Tripped is { } broken)
        {
            return Unanswered(broken.Error, broken.Attempts, broken.Unreachable);
        }

        var tokenRenewed = new StrongBox<bool>();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, latch.Token);
        Outcome outcome;
        int attempts;
        try
        {
            (outcome, attempts) = await retry.ExecuteAsync(
                (_, token) => AttemptAsync(method, pathAndQuery, contentType, body, successBody, tokenRenewed, token),
                (attempt, failed, wait) => logger.KubernetesRetry(
                    method.Method,
                    PathOnly(pathAndQuery),
                    failed.Response is { } r ? r.StatusCode.ToString(CultureInfo.InvariantCulture) : failed.TransportError!,
                    attempt,
                    (long)wait.TotalMilliseconds),
                linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && latch.Tripped is { } tripped)
        {
            // Another request found the connection broken: this one fails with the same error, without waiting for its own.
            return Unanswered(tripped.Error, tripped.Attempts, tripped.Unreachable);
        }

        if (outcome.Response is { } final)
        {
            return new KubernetesResponse(final.StatusCode, final.Body, null)
            {
                Attempts = attempts,
                Refused = final.StatusCode == 401 ? credential.RefusedMessage : null,
            };
        }

        if (outcome.ConnectionBroken)
        {
            latch.Trip(outcome.TransportError!, attempts, outcome.Unreachable);
        }

        return Unanswered(outcome.TransportError!, attempts, outcome.Unreachable);
    }

    /// <summary>A request without an HTTP answer; one that could not reach the server says why it may not (the endpoint's access).</summary>
    private KubernetesResponse Unanswered(string error, int attempts, bool unreachable) =>
        new(0, [], error) { Attempts = attempts, Hint = unreachable ? unreachableHint : null };

    public void Dispose()
    {
        http.Dispose();
        concurrency.Dispose();
        tokens?.Dispose();
        latch.Dispose();
    }

    public override string ToString() => $"KubernetesTransport({endpoint.Authority})";

    private static bool IsRetryable(int statusCode) =>
        statusCode == 429 || (statusCode >= 500 && statusCode != 501);

    /// <summary>
    /// One attempt: a bearer token (if the credential has one) and the request; when the server answers 401 to a token
    /// that aged out on its clock, the same request once more with a fresh token, as part of the same attempt (once per
    /// logical request), when the credential can give a fresh one.
    /// </summary>
    private async Task<RetryAttempt<Outcome>> AttemptAsync(
        HttpMethod method,
        string pathAndQuery,
        string? contentType,
        byte[]? body,
        bool successBody,
        StrongBox<bool> tokenRenewed,
        CancellationToken cancellationToken)
    {
        while (true)
        {
            string? authorization;
            try
            {
                authorization = tokens is null ? null : await tokens.GetAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return new(new Outcome(null, "could not get a bearer token for the cluster: " + e.Message, false, null, false, false), false);
            }

            var outcome = await SendOnceAsync(method, pathAndQuery, contentType, body, authorization, successBody, cancellationToken).ConfigureAwait(false);
            if (outcome.Response is { StatusCode: 401 } && !tokenRenewed.Value && credential.Renewable && tokens is not null && authorization is not null)
            {
                // A token that aged out on the server's clock: ask for a fresh one, once.
                tokenRenewed.Value = true;
                tokens.Invalidate(authorization);
                continue;
            }

            var retryable = outcome.Response is { } answer ? IsRetryable(answer.StatusCode) : outcome.TransportRetryable;
            return new(outcome, retryable, outcome.RetryAfter);
        }
    }

    /// <summary>
    /// The cap on an answer's body: <see cref="KubernetesClusterOptions.MaxListBytes"/> for a GET of a collection, else
    /// <see cref="KubernetesClusterOptions.MaxObjectBytes"/>. A collection is an odd number of segments after the group
    /// version (<c>/api/v1</c> or <c>/apis/GROUP/VERSION</c>): <c>namespaces</c>, <c>secrets</c>,
    /// <c>namespaces/NS/secrets</c>; an object is an even number (<c>namespaces/NS</c>, <c>namespaces/NS/secrets/NAME</c>).
    /// </summary>
    private int AnswerLimit(HttpMethod method, string pathAndQuery)
    {
        if (method != HttpMethod.Get)
        {
            return options.MaxObjectBytes;
        }

        var segments = PathOnly(pathAndQuery).Split('/', StringSplitOptions.RemoveEmptyEntries);
        var prefix = segments.Length > 0 && segments[0] == "apis" ? 3 : 2;
        var rest = segments.Length - prefix;
        return rest > 0 && rest % 2 == 1 ? options.MaxListBytes : options.MaxObjectBytes;
    }

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
        string? authorization,
        bool successBody,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(endpoint, pathAndQuery))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };

        // Fixed, well-formed values: added as they are, without parsing them into header objects for every request.
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType ?? "application/json");
        }

        await concurrency.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // The attempt's clock starts with its slot: time spent queueing behind the cluster's other requests is not its own.
            using var timeout = new CancellationTokenSource(options.RequestTimeout, clock);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);

            // The body is read under a cap, also when it is dropped: a huge or endless answer ends this request alone.
            var limit = AnswerLimit(method, pathAndQuery);
            if (await BoundedBody.ReadAsync(response.Content, limit, successBody || !response.IsSuccessStatusCode, linked.Token).ConfigureAwait(false) is not { } bytes)
            {
                // Not a broken connection (the latch stays open) and not worth a retry: the server would answer the same.
                return new Outcome(null, $"the API server's answer to {method.Method} {PathOnly(pathAndQuery)} exceeded {limit} bytes", false, null, false, false);
            }

            return new Outcome(new KubernetesResponse((int)response.StatusCode, bytes, null), null, false, RetryPolicy.RetryAfter(response.Headers, clock), false, false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && FindInner<TimeoutException>(e) is not null)
        {
            // SocketsHttpHandler's ConnectTimeout: TCP or TLS did not complete in time. A hung server: not worth another try.
            return new Outcome(null, ConnectTimedOut(), false, null, true, true);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Outcome(null, $"the API server at {Origin} did not answer within {Seconds(options.RequestTimeout)}", true, null, true, true);
        }
        catch (HttpRequestException e)
        {
            var (message, retryable) = DescribeTransportError(e);

            // A server that answered with a certificate was reached: its endpoint's access is not the problem.
            return new Outcome(null, message, retryable, null, true, !message.StartsWith("TLS: ", StringComparison.Ordinal));
        }
        finally
        {
            concurrency.Release();
        }
    }

    private string Origin => endpoint.GetLeftPart(UriPartial.Authority);

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";

    private string ConnectTimedOut() => Volatile.Read(ref connectionAccepted) != 0
        ? $"the API server at {Origin} accepted the connection but did not answer the TLS handshake within {Seconds(options.ConnectTimeout)}"
        : $"the API server at {Origin} did not accept a connection within {Seconds(options.ConnectTimeout)}";

    /// <summary>
    /// Opens the TCP connection as the handler would by default (the handler then adds TLS), and notes that the server
    /// accepted it: a later connect timeout then means the TLS handshake went unanswered.
    /// </summary>
    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        Volatile.Write(ref connectionAccepted, 1);
        return new NetworkStream(socket, ownsSocket: true);
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

    /// <param name="ConnectionBroken">A failure of the connection itself (not of a token): when final, it trips the <see cref="ConnectionLatch"/>.</param>
    /// <param name="Unreachable">The server could not be reached or did not answer (not: it answered with a wrong certificate).</param>
    private sealed record Outcome(KubernetesResponse? Response, string? TransportError, bool TransportRetryable, TimeSpan? RetryAfter, bool ConnectionBroken, bool Unreachable);
}
