using System.Text;
using System.Text.Json;
using EcrPublicLambda.Common;

namespace EcrPublicLambda.Kubernetes;

/// <summary>
/// The registry credentials one run writes into a cluster's namespaces: one <see cref="PullCredential"/> per registry
/// fetched, and the servers of the cluster's registries that could not be fetched this run, whose entries already in
/// a Secret are kept (<see cref="KeptServers"/>). Holds secrets: <see cref="ToString"/> never shows them.
/// </summary>
internal sealed class DockerConfigSecret
{
    /// <summary>The user name ECR Public tokens are issued for.</summary>
    internal const string UserName = "AWS";

    /// <summary>The ECR Public hosts: the IPv4 host and the dual-stack host.</summary>
    internal static readonly IReadOnlyList<string> Registries = ["public.ecr.aws", "ecr-public.aws.com"];

    private string? dockerConfigJsonBase64;
    private SharedBody? applyBody;

    /// <summary>ECR Public alone (the default fleet).</summary>
    internal DockerConfigSecret(string password, DateTimeOffset expiresAt)
        : this([new PullCredential(Registries, UserName, password, expiresAt)])
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
    }

    internal DockerConfigSecret(IReadOnlyList<PullCredential> credentials, IReadOnlyList<string>? keptServers = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        Credentials = credentials;
        KeptServers = keptServers ?? [];
        ExpiresAt = credentials.Select(c => c.ExpiresAt).Where(at => at is not null).Min();
    }

    internal IReadOnlyList<PullCredential> Credentials { get; }

    /// <summary>Servers whose entry is taken from the Secret already in the namespace (its registry failed this run).</summary>
    internal IReadOnlyList<string> KeptServers { get; }

    /// <summary>When the first of the registry passwords stops working (null: none of them has a known expiry).</summary>
    internal DateTimeOffset? ExpiresAt { get; }

    /// <summary>The expiry as the Secret's annotation carries it: RFC 3339, UTC, whole seconds (null: none).</summary>
    internal string? ExpiresAtRfc3339 => ExpiresAt is { } at ? Rfc3339.Format(at) : null;

    /// <summary>Every server the Secret holds an entry for, in order (the <c>ecr-public-lambda/registries</c> annotation).</summary>
    internal IEnumerable<string> Servers => Credentials.SelectMany(c => c.Servers);

    /// <summary>Each server with an expiry and when it expires: <c>server=time,...</c> (the <c>ecr-public-lambda/registries-expire-at</c> annotation).</summary>
    internal string ServerExpiries =>
        string.Join(",", Credentials.Where(c => c.ExpiresAt is not null).SelectMany(c => c.Servers.Select(server => $"{server}={Rfc3339.Format(c.ExpiresAt!.Value)}")));

    /// <summary>
    /// The <c>.dockerconfigjson</c> payload: for each server the entry
    /// <c>kubectl create secret docker-registry --docker-server=SERVER</c> makes (<c>username</c>, <c>password</c>, <c>auth</c>).
    /// </summary>
    internal byte[] ToDockerConfigJson()
    {
        var auths = new Dictionary<string, DockerAuthEntry>(StringComparer.Ordinal);
        foreach (var credential in Credentials)
        {
            var entry = new DockerAuthEntry(credential.Username, credential.Password, Auth(credential));
            foreach (var server in credential.Servers)
            {
                auths[server] = entry;
            }
        }

        return JsonSerializer.SerializeToUtf8Bytes(new DockerConfig(auths), KubernetesJsonContext.Default.DockerConfig);
    }

    /// <summary>
    /// The Secret's <c>data[.dockerconfigjson]</c> value: base64 of <see cref="ToDockerConfigJson"/>. Made once and
    /// reused for every namespace of the run (it is several times the password's size, and a run writes thousands).
    /// </summary>
    internal string DockerConfigJsonBase64 => dockerConfigJsonBase64 ??= Convert.ToBase64String(ToDockerConfigJson());

    /// <summary>
    /// This credential set plus the entries of <see cref="KeptServers"/> found in a namespace's previous Secret, each
    /// kept until its own expiry (<paramref name="previous"/>: server → entry and expiry), as of <paramref name="now"/>.
    /// </summary>
    internal DockerConfigSecret WithKept(IReadOnlyDictionary<string, (DockerAuthEntry Entry, DateTimeOffset? ExpiresAt)> previous, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var kept = KeptServers
            .Where(server => previous.TryGetValue(server, out var old) && old.Entry.Password is { Length: > 0 } && old.Entry.Username is not null && (old.ExpiresAt is null || old.ExpiresAt > now))
            .Select(server => new PullCredential([server], previous[server].Entry.Username, previous[server].Entry.Password, previous[server].ExpiresAt));
        return new DockerConfigSecret([.. Credentials, .. kept]);
    }

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

    /// <summary>The strings that must never appear in a message: the passwords and the values derived from them.</summary>
    internal IEnumerable<string> SensitiveValues()
    {
        foreach (var credential in Credentials)
        {
            yield return credential.Password;
            yield return Auth(credential);
        }

        yield return DockerConfigJsonBase64;
    }

    public override string ToString() => $"DockerConfigSecret(servers: {string.Join(",", Servers)}, passwords: {Redaction.Marker}, expiresAt: {ExpiresAtRfc3339 ?? "none"})";

    private static string Auth(PullCredential credential) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(credential.Username + ":" + credential.Password));

    private sealed record SharedBody(string Name, byte[] Bytes)
    {
        public override string ToString() => $"SharedBody({Name}, {Redaction.Marker})";
    }
}
