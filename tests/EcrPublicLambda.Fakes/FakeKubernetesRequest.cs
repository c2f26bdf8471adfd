namespace EcrPublicLambda.Fakes;

/// <summary>One request the fake received, and how it answered. Holds no token and no body.</summary>
internal sealed class FakeKubernetesRequest(string method, string path, string query, string? contentType)
{
    internal string Method { get; } = method;

    internal string Path { get; } = path;

    /// <summary>The raw query string, <c>?</c> included (empty when none).</summary>
    internal string Query { get; } = query;

    internal string? ContentType { get; } = contentType;

    /// <summary>When the fake received it, as a <see cref="System.Diagnostics.Stopwatch"/> timestamp (the benchmark's time to the first write).</summary>
    internal long ReceivedAt { get; } = System.Diagnostics.Stopwatch.GetTimestamp();

    internal int StatusCode { get; set; }

    /// <summary>
    /// Whether the fake took the request as a dry run, read where the real server reads it (a write's query; a DELETE's
    /// body, or its query when it has no body): true only for a valid dry run of a write, never for a read.
    /// </summary>
    internal bool DryRun { get; set; }

    /// <summary>Why authentication failed, when it did (never the token itself).</summary>
    internal string? AuthenticationFailure { get; set; }

    public override string ToString() => $"{Method} {Path}{Query} [{ContentType}]{(DryRun ? " (dry run)" : string.Empty)} -> {StatusCode}";
}
