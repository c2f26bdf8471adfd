using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace EcrPublicLambda.Kubernetes;

/// <summary>
/// Reads the credentials of a <c>kubernetes</c> cluster from the <c>SecretString</c> of its Secrets Manager secret:
/// <c>{"token": "..."}</c> (a ServiceAccount token) or <c>{"clientCertificate": "&lt;PEM&gt;", "clientKey": "&lt;PEM&gt;"}</c>.
/// Messages name the secret and the field, never a value. <see cref="ExpiresAt"/> is a JWT token's <c>exp</c>, or the
/// client certificate's NotAfter.
/// </summary>
internal sealed class ClusterSecretCredentials
{
    private ClusterSecretCredentials(KubernetesCredential credential, DateTimeOffset? expiresAt)
    {
        Credential = credential;
        ExpiresAt = expiresAt;
    }

    internal KubernetesCredential Credential { get; }

    internal DateTimeOffset? ExpiresAt { get; }

    /// <summary>The 401 message of a cluster whose credentials come from <paramref name="secretName"/>.</summary>
    internal static string RefusedMessage(string secretName) => $"the credentials in {secretName} were refused: expired or revoked";

    /// <exception cref="FormatException">The value is not one of the two forms; the message names the secret, not the value.</exception>
    internal static ClusterSecretCredentials Parse(string secretString, string secretName)
    {
        ArgumentNullException.ThrowIfNull(secretString);
        ArgumentNullException.ThrowIfNull(secretName);
        string? token, certificatePem, keyPem;
        try
        {
            using var document = JsonDocument.Parse(secretString);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(secretName, "is not a JSON object");
            }

            token = Text(root, "token", secretName);
            certificatePem = Text(root, "clientCertificate", secretName);
            keyPem = Text(root, "clientKey", secretName);
        }
        catch (JsonException)
        {
            // The parser's message may quote the value: say only where the problem is not.
            throw Invalid(secretName, "is not JSON");
        }

        if (token is not null && (certificatePem is not null || keyPem is not null))
        {
            throw Invalid(secretName, "holds both \"token\" and a client certificate; keep one");
        }

        if (token is not null)
        {
            return new ClusterSecretCredentials(KubernetesCredential.FixedToken(token, RefusedMessage(secretName)), JwtExpiry.Read(token));
        }

        if (certificatePem is null || keyPem is null)
        {
            throw Invalid(secretName, certificatePem is null && keyPem is null
                ? "has neither \"token\" nor \"clientCertificate\" and \"clientKey\""
                : $"has \"{(certificatePem is null ? "clientKey" : "clientCertificate")}\" without \"{(certificatePem is null ? "clientCertificate" : "clientKey")}\"");
        }

        return FromPem(certificatePem, keyPem, secretName);
    }

    private static ClusterSecretCredentials FromPem(string certificatePem, string keyPem, string secretName)
    {
        X509Certificate2 leaf;
        try
        {
            leaf = X509Certificate2.CreateFromPem(certificatePem, keyPem);
        }
        catch (CryptographicException)
        {
            throw Invalid(secretName, "has a \"clientCertificate\" and \"clientKey\" that are not a PEM certificate and its matching private key");
        }
        catch (ArgumentException)
        {
            throw Invalid(secretName, "has a \"clientCertificate\" or \"clientKey\" that is not PEM");
        }

        // Intermediates: every certificate of the PEM after the first (the leaf, which CreateFromPem took).
        var all = new X509Certificate2Collection();
        all.ImportFromPem(certificatePem);
        var chain = new X509Certificate2Collection();
        for (var i = 1; i < all.Count; i++)
        {
            chain.Add(all[i]);
        }

        all[0].Dispose();
        return new ClusterSecretCredentials(KubernetesCredential.Certificate(leaf, chain, RefusedMessage(secretName)), leaf.NotAfter.ToUniversalTime());
    }

    private static string? Text(JsonElement root, string name, string secretName)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw Invalid(secretName, $"has a \"{name}\" that is not a non-empty string");
    }

    private static FormatException Invalid(string secretName, string problem) =>
        new($"the SecretString of {secretName} {problem} (expected {{\"token\": \"...\"}} or {{\"clientCertificate\": \"<PEM>\", \"clientKey\": \"<PEM>\"}})");
}
