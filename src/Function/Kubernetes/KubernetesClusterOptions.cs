using EcrPublicLambda.Common;

namespace EcrPublicLambda.Kubernetes;

/// <summary>Tuning of one cluster connection. The defaults suit a Lambda run against an EKS API server.</summary>
internal sealed record KubernetesClusterOptions
{
    /// <summary>At most this many requests in flight to the cluster at once.</summary>
    internal int MaxConcurrency { get; init; } = 32;

    /// <summary>The retry numbers for 429, 5xx and transport errors (the one policy AWS calls use too).</summary>
    internal RetryOptions Retry { get; init; } = new();

    /// <summary>
    /// HTTP connections to the API server at most. HTTP/2 multiplexes every request on one (more only when its streams
    /// run out); an API server (or a proxy in front of it) that speaks only HTTP/1.1 gets this many, not one per request
    /// in flight, so a fleet of them stays within the memory bound (docs/performance.md).
    /// </summary>
    internal int MaxConnections { get; init; } = 4;

    /// <summary>
    /// Opening a connection (TCP connect and TLS handshake) may take this long. A server that takes longer is taken as
    /// hung: the attempt is not retried and the cluster's other requests fail at once (<see cref="ConnectionLatch"/>).
    /// Real time: the socket layer does not wait through the <see cref="TimeProvider"/>.
    /// </summary>
    internal TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// One attempt (send, the answer's headers and body) may take this long, counted from when the request got its slot
    /// (<see cref="MaxConcurrency"/>), not while it waited for one.
    /// </summary>
    internal TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long a bearer token from the provider is reused. EKS accepts a token for 15 minutes after signing
    /// (and <c>aws eks get-token</c> says 14); a run that lasts longer gets a fresh one.
    /// </summary>
    internal TimeSpan TokenLifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Items per page of a list (<c>limit</c>; the rest follows with <c>continue</c>), so that no single answer of a
    /// cluster with many namespaces or Secrets is huge.
    /// </summary>
    internal int ListPageSize { get; init; } = 500;

    /// <summary>Pages of one list at most: a server that keeps answering with a <c>continue</c> token ends the list with an error.</summary>
    internal int MaxListPages { get; init; } = 400;

    /// <summary>
    /// The most bytes read of an answer about one object (a GET of a Secret or service account, an error's Status; a
    /// write's answer is read and dropped but counted too). The API server keeps no object larger than etcd's request
    /// limit (1.5 MiB by default, <c>--max-request-bytes</c>); in JSON, with a Secret's data in base64, that is under
    /// 2 MiB, and what this tool reads (its own Secret, service accounts, Status messages) is a few KiB. 1 MiB holds every
    /// object it has a use for; a larger one fails that request alone (the Secret is then left alone, never deleted).
    /// With <see cref="MaxConcurrency"/> requests in flight, one cluster holds at most 32 MiB of answers at once.
    /// </summary>
    internal int MaxObjectBytes { get; init; } = 1024 * 1024;

    /// <summary>
    /// The most bytes read of a list's answer (a GET of a collection: <c>/api/v1/namespaces</c>,
    /// <c>/api/v1/namespaces/NS/secrets</c>, <c>/api/v1/secrets</c>). A namespace is about 0.5-2 KiB in JSON, so 8 MiB
    /// holds a list (or a page) of several thousand; a cluster that answers more fails that list alone with a named error
    /// instead of growing the process towards the function's memory limit.
    /// </summary>
    internal int MaxListBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Read-then-patch rounds for a service account that keeps changing under us.</summary>
    internal int ServiceAccountAttempts { get; init; } = 5;
}
