using System.Text;
using System.Text.Json;
using EcrPublicLambda.Common;

namespace EcrPublicLambda.Kubernetes;

/// <summary>
/// The registry credential one run writes into every namespace: the ECR Public password (username is always
/// <c>AWS</c>) and the token's expiry. Holds a secret: <see cref="ToString"/> never shows it.
/// </summary>
internal sealed class DockerConfigSecret
{
    /// <summary>The user name ECR Public tokens are issued for.</summary>
    internal const string UserName = "AWS";

    /// <summary>The registry hosts the Secret carries an entry for: the IPv4 host and the dual-stack host.</summary>
    internal static readonly IReadOnlyList<string> Registries = ["public.ecr.aws", "ecr-public.aws.com"];

    private readonly string password;
    private string? dockerConfigJsonBase64;
    private SharedBody? applyBody;

    internal DockerConfigSecret(string password, DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        this.password = password;
        ExpiresAt = expiresAt.ToUniversalTime();
    }

    /// <summary>When the registry password stops working.</summary>
    internal DateTimeOffset ExpiresAt { get; }

    /// <summary>The expiry as the Secret's annotation carries it: RFC 3339, UTC, whole seconds.</summary>
    internal string ExpiresAtRfc3339 => Rfc3339.Format(ExpiresAt);

    /// <summary>
    /// The <c>.dockerconfigjson</c> payload: for each registry the entry
    /// <c>kubectl create secret docker-registry</c> makes (<c>username</c>, <c>password</c>, <c>auth</c>).
    /// </summary>
    internal byte[] ToDockerConfigJson()
    {
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes(UserName + ":" + password));
        var entry = new DockerAuthEntry(UserName, password, auth);
        var auths = new Dictionary<string, DockerAuthEntry>(StringComparer.Ordinal);
        foreach (var registry in Registries)
        {
            auths[registry] = entry;
        }

        return JsonSerializer.SerializeToUtf8Bytes(new DockerConfig(auths), KubernetesJsonContext.Default.DockerConfig);
    }

    /// <summary>
    /// The Secret's <c>data[.dockerconfigjson]</c> value: base64 of <see cref="ToDockerConfigJson"/>. Made once and
    /// reused for every namespace of the run (it is several times the password's size, and a run writes thousands).
    /// </summary>
    internal string DockerConfigJsonBase64 => dockerConfigJsonBase64 ??= Convert.ToBase64String(ToDockerConfigJson());

    /// <summary>
    /// A request body made from this credential that every namespace of the run sends unchanged (the Secret's apply
    /// body): made by <paramref name="make"/> at the first call for <paramref name="name"/> (a key: the Secret name and what else shapes the body), then reused.
    /// </summary>
    internal byte[] SharedBodyFor(string name, Func<string, DockerConfigSecret, byte[]> make)
    {
        ArgumentNullException.ThrowIfNull(make);
        if (Volatile.Read(ref applyBody) is { } body && string.Equals(body.Name, name, StringComparison.Ordinal))
        {
            return body.Bytes;
        }

        var made = new SharedBody(name, make(name, this));
        Volatile.Write(ref applyBody, made);
        return made.Bytes;
    }

    /// <summary>The strings that must never appear in a message: the password and the values derived from it.</summary>
    internal IEnumerable<string> SensitiveValues()
    {
        yield return password;
        yield return Convert.ToBase64String(Encoding.UTF8.GetBytes(UserName + ":" + password));
        yield return DockerConfigJsonBase64;
    }

    public override string ToString() => $"DockerConfigSecret(password: {Redaction.Marker}, expiresAt: {ExpiresAtRfc3339})";

    private sealed record SharedBody(string Name, byte[] Bytes)
    {
        public override string ToString() => $"SharedBody({Name}, {Redaction.Marker})";
    }
}
