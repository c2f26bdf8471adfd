namespace EcrPublicLambda.Fakes;

/// <summary>One request the fake received, and how it answered. Holds no token and no body.</summary>
internal sealed class FakeKubernetesRequest(string method, string path, string query, string? contentType)
{
    internal string Method { get; } = method;

    internal string Path { get; } = path;

    /// <summary>The raw query string, <c>?</c> included (empty when none).</summary>
    internal string Query { get; } = query;

    internal string? ContentType { get; } = contentType;

    internal int StatusCode { get; set; }

    /// <summary>Why authentication failed, when it did (never the token itself).</summary>
    internal string? AuthenticationFailure { get; set; }

    public override string ToString() => $"{Method} {Path}{Query} [{ContentType}] -> {StatusCode}";
}
