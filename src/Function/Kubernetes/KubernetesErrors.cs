using System.Text.Json;
using EcrPublicLambda.Common;
using k8s.Models;

namespace EcrPublicLambda.Kubernetes;

/// <summary>
/// Turns an unsuccessful answer into one clear line built from the Kubernetes <c>Status</c> body
/// (<c>message</c>, <c>reason</c>, <c>code</c>). The server's message may echo the request (an admission webhook quoting
/// the Secret it denies): it is redacted (the run's secret values, then anything shaped like a credential) BEFORE it is
/// cut to length, so that no cut value slips past the redaction.
/// </summary>
internal static class KubernetesErrors
{
    private const int MaxServerMessageLength = 400;

    /// <summary>The <c>Status</c> in an error body, or null when the body is not one (a proxy's HTML page, say).</summary>
    internal static V1Status? ReadStatus(KubernetesResponse response)
    {
        if (response.Body.Length == 0)
        {
            return null;
        }

        try
        {
            var status = JsonSerializer.Deserialize(response.Body, KubernetesJsonContext.Default.V1Status);
            return status is { Kind: "Status" } ? status : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// True for 410 with reason <c>Expired</c>: the API server's answer to a <c>continue</c> token whose snapshot etcd
    /// has compacted (kube-apiserver <c>staging/src/k8s.io/apiserver/pkg/storage/etcd3/store.go</c> and
    /// <c>errors.go</c>, <c>interpretListError</c>); the list can only start again.
    /// </summary>
    internal static bool IsExpired(KubernetesResponse response) =>
        response.StatusCode == 410 && string.Equals(ReadStatus(response)?.Reason, "Expired", StringComparison.Ordinal);

    /// <summary>True when the answer is a 404 for the namespace itself (SSA and creates on a missing namespace).</summary>
    internal static bool IsMissingNamespace(KubernetesResponse response, out string? namespaceName)
    {
        namespaceName = null;
        if (response.StatusCode != 404 || ReadStatus(response)?.Details is not { } details)
        {
            return false;
        }

        if (!string.Equals(details.Kind, "namespaces", StringComparison.Ordinal))
        {
            return false;
        }

        namespaceName = details.Name;
        return true;
    }

    /// <summary>True when a 422 names the <c>type</c> field: the Secret exists with another (immutable) type.</summary>
    internal static bool IsImmutableTypeChange(KubernetesResponse response) =>
        response.StatusCode == 422
        && ReadStatus(response)?.Details?.Causes is { } causes
        && causes.Any(cause => string.Equals(cause.Field, "type", StringComparison.Ordinal));

    /// <summary>
    /// One line for the report: what failed and why, from the Status body where there is one, with each of
    /// <paramref name="sensitive"/> (the values the request carried) replaced by the redaction marker.
    /// </summary>
    internal static string Describe(KubernetesResponse response, IEnumerable<string>? sensitive = null)
    {
        if (response.TransportError is { } transport)
        {
            var tried = response.Attempts > 1 ? $"{transport} (after {response.Attempts} attempts)" : transport;
            return response.Hint is { } hint ? $"{tried}; {hint}" : tried;
        }

        var status = ReadStatus(response);
        var message = Shorten(status?.Message, sensitive);
        var code = response.StatusCode;
        switch (code)
        {
            case 401 when response.Refused is { } refused:
                return refused;
            case 401:
                return "unauthorized (401): the cluster rejected the bearer token (is the IAM identity mapped into the cluster by an access entry or aws-auth, and are the cluster name and region right?)";
            case 403:
                return "forbidden (403): " + (message ?? "the cluster's authorization denies this request");
            case 404 when IsMissingNamespace(response, out var ns):
                return $"namespace \"{ns}\" not found";
            case 404:
                return "not found (404): " + (message ?? "the resource does not exist");
            case 429:
                return $"throttled (429): the API server still answered Too Many Requests after {response.Attempts} attempts";
            case >= 500:
                return $"server error ({code}{ReasonSuffix(status)}) after {response.Attempts} attempt(s)" + (message is null ? string.Empty : ": " + message);
            default:
                return $"{Label(code)} ({code}{ReasonSuffix(status)})" + (message is null ? string.Empty : ": " + message);
        }
    }

    private static string Label(int code) => code switch
    {
        400 => "bad request",
        409 => "conflict",
        415 => "unsupported media type",
        422 => "invalid",
        _ => "HTTP error",
    };

    private static string ReasonSuffix(V1Status? status) =>
        string.IsNullOrEmpty(status?.Reason) ? string.Empty : " " + status.Reason;

    private static string? Shorten(string? message, IEnumerable<string>? sensitive)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return null;
        }

        // Redact first, cut last: a value cut in half no longer matches what redaction looks for.
        message = Redaction.Replace(message.ReplaceLineEndings("; "), sensitive ?? []);
        return ErrorText.Sanitize(message, MaxServerMessageLength);
    }
}
