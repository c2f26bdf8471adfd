namespace EcrPublicLambda.Kubernetes;

/// <summary>
/// The final answer to one request after retries: an HTTP status with its body, or (status 0) a transport
/// failure described by <see cref="TransportError"/>.
/// </summary>
internal sealed class KubernetesResponse(int statusCode, byte[] body, string? transportError)
{
    internal int StatusCode { get; } = statusCode;

    internal byte[] Body { get; } = body;

    /// <summary>Why no HTTP answer arrived (connection refused, TLS, timeout, no bearer token); null when one did.</summary>
    internal string? TransportError { get; } = transportError;

    /// <summary>Why the server may be out of reach (the endpoint's access, e.g. private only), for a transport failure; else null.</summary>
    internal string? Hint { get; init; }

    /// <summary>For a 401: the whole error to report when the credential says what a refusal means (a secret's credentials); else null.</summary>
    internal string? Refused { get; init; }

    /// <summary>How many attempts were made (retries included).</summary>
    internal int Attempts { get; init; } = 1;

    internal static KubernetesResponse Failure(string error, int attempts) => new(0, [], error) { Attempts = attempts };

    public override string ToString() => TransportError ?? $"HTTP {StatusCode} ({Body.Length} bytes)";
}
