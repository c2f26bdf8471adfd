using System.Text;
using System.Text.Json;
using EcrPublicLambda.Common;
using EcrPublicLambda.Configuration;
using Microsoft.Extensions.Logging;
using k8s.Models;

namespace EcrPublicLambda.Kubernetes;

/// <summary>
/// One cluster's API server (EKS or any Kubernetes), as this tool uses it: writes the pull Secret with server-side apply (one
/// request per Secret) and appends it to service accounts' <c>imagePullSecrets</c> without losing entries.
/// Thread-safe; dispose when the run is over.
/// </summary>
/// <remarks>
/// Why a foreign Secret is never modified: the apply is sent without <c>force</c>, so the API server answers
/// 409 and writes nothing when any field in the body (<c>type</c>, <c>data[.dockerconfigjson]</c>, our label
/// or annotation) is owned by another field manager with a different value. Objects with no managed fields are
/// owned as a whole by <c>before-first-apply</c>, so they conflict as well. A Secret of another type conflicts on
/// <c>type</c> (409), and even with <c>force</c> the type is immutable (422). The one way an apply succeeds on a
/// Secret someone else made is when every field we set that they own already holds our exact value: then the
/// data stays byte for byte the same; our label and expiry annotation are added and we become co-owner. Because
/// they stay co-owner, the next run's new password conflicts (409) and is reported as <c>conflict</c> again.
/// Only <c>adoptExisting</c> sends <c>force=true</c>.
/// </remarks>
internal sealed partial class KubernetesCluster : IDisposable
{
    /// <summary>The field manager of every write.</summary>
    internal const string FieldManager = "ecr-public-lambda";

    internal const string ManagedByLabel = "app.kubernetes.io/managed-by";
    internal const string ExpiresAtAnnotation = "ecr-public-lambda/expires-at";

    /// <summary>
    /// The label naming the deployment (the fleet's <c>instance</c>) that applied the Secret: a sweep or cleanup touches
    /// only its own instance's Secrets (a Secret of ours without it counts as <c>default</c>).
    /// </summary>
    internal const string InstanceLabel = "ecr-public-lambda/instance";
    internal const string SecretType = "kubernetes.io/dockerconfigjson";
    internal const string DockerConfigKey = ".dockerconfigjson";

    private const string ApplyPatch = "application/apply-patch+yaml";
    private const string JsonPatch = "application/json-patch+json";

    private readonly KubernetesTransport transport;
    private readonly KubernetesClusterOptions options;
    private readonly ILogger logger;

    private KubernetesCluster(KubernetesTransport transport, KubernetesClusterOptions options, ILogger logger)
    {
        this.transport = transport;
        this.options = options;
        this.logger = logger;
    }

    /// <summary>
    /// Connects (lazily) to <paramref name="endpoint"/>, trusting only <paramref name="certificateAuthority"/>
    /// (base64 of PEM, as EKS <c>DescribeCluster</c> returns it). <paramref name="bearerToken"/> is asked for a
    /// token at first use and again when the cached one is older than <see cref="KubernetesClusterOptions.TokenLifetime"/>
    /// or was rejected. Throws <see cref="ArgumentException"/> for a non-https endpoint or an unusable CA.
    /// <paramref name="unreachableHint"/> (e.g. "the cluster's endpoint is private only: ...") is added to the error of
    /// a request that could not reach the server.
    /// </summary>
    internal static KubernetesCluster Create(
        Uri endpoint,
        string certificateAuthority,
        Func<CancellationToken, ValueTask<string>> bearerToken,
        TimeProvider clock,
        ILogger logger,
        KubernetesClusterOptions? options = null,
        string? unreachableHint = null)
    {
        ArgumentNullException.ThrowIfNull(bearerToken);
        return Create(endpoint, certificateAuthority, KubernetesCredential.RenewableToken(bearerToken), clock, logger, options, unreachableHint);
    }

    /// <summary>
    /// As <see cref="Create(Uri, string, Func{CancellationToken, ValueTask{string}}, TimeProvider, ILogger, KubernetesClusterOptions?, string?)"/>,
    /// authenticating with <paramref name="credential"/> (a bearer token, a client certificate); the caller keeps and disposes it.
    /// </summary>
    internal static KubernetesCluster Create(
        Uri endpoint,
        string certificateAuthority,
        KubernetesCredential credential,
        TimeProvider clock,
        ILogger logger,
        KubernetesClusterOptions? options = null,
        string? unreachableHint = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(logger);
        if (!string.Equals(endpoint.Scheme, Uri.UriSchemeHttps, StringComparison.Ordinal))
        {
            throw new ArgumentException($"the cluster endpoint must be https, not {endpoint.Scheme}", nameof(endpoint));
        }

        options ??= new KubernetesClusterOptions();
        var authorities = ClusterCertificateAuthority.Parse(certificateAuthority);
        return new KubernetesCluster(new KubernetesTransport(endpoint, authorities, credential, options, clock, logger, unreachableHint), options, logger);
    }

    /// <summary>
    /// Creates or updates Secret <paramref name="name"/> in <paramref name="ns"/> in one server-side apply.
    /// <c>created</c>/<c>updated</c> on success; <c>conflict</c> (nothing written) when another manager owns it,
    /// unless <paramref name="adoptExisting"/>, which re-applies with <c>force</c>; <c>failed</c> otherwise, with
    /// the reason. With <paramref name="dryRun"/> the server validates and answers but persists nothing. The Secret carries
    /// <paramref name="instance"/> as its <see cref="InstanceLabel"/>.
    /// </summary>
    internal async Task<(SecretResult Result, string? Error)> ApplySecretAsync(
        string ns,
        string name,
        string instance,
        DockerConfigSecret secret,
        bool adoptExisting,
        bool dryRun,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        // One body for every namespace of the run: it leaves the namespace out, and the API server takes it from the URL.
        var body = secret.SharedBodyFor($"{name}\n{instance}", (_, credential) =>
            JsonSerializer.SerializeToUtf8Bytes(SecretBody(name, instance, credential), KubernetesJsonContext.Default.SecretApplyConfiguration));
        var path = $"/api/v1/namespaces/{Uri.EscapeDataString(ns)}/secrets/{Uri.EscapeDataString(name)}";
        var response = await transport.SendAsync(HttpMethod.Patch, path + WriteQuery(dryRun, force: false), ApplyPatch, body, cancellationToken, successBody: false).ConfigureAwait(false);
        if (response.StatusCode == 409 && adoptExisting)
        {
            logger.SecretAdopting(ns, name);
            response = await transport.SendAsync(HttpMethod.Patch, path + WriteQuery(dryRun, force: true), ApplyPatch, body, cancellationToken, successBody: false).ConfigureAwait(false);
        }

        var (result, error) = response.StatusCode switch
        {
            201 => (SecretResult.Created, null),
            200 => (SecretResult.Updated, null),
            409 => (SecretResult.Conflict,
                $"Secret \"{name}\" exists and is managed by another field manager, so it was left alone (set adoptExisting to take it over): {KubernetesErrors.Describe(response, secret.SensitiveValues())}"),
            _ when KubernetesErrors.IsImmutableTypeChange(response) => (SecretResult.Conflict,
                $"a Secret \"{name}\" of another type exists (a Secret's type cannot change), so it was left alone: {KubernetesErrors.Describe(response, secret.SensitiveValues())}"),
            _ => (SecretResult.Failed, (string?)KubernetesErrors.Describe(response, secret.SensitiveValues())),
        };
        error = error is null ? null : Redact(error, secret);
        logger.SecretWritten(result is SecretResult.Created or SecretResult.Updated ? LogLevel.Debug : LogLevel.Warning, ns, name, result, dryRun, error ?? string.Empty);
        return (result, error);
    }

    /// <summary>
    /// Ensures service account <paramref name="serviceAccount"/> lists <paramref name="secretName"/> in
    /// <c>imagePullSecrets</c>, keeping every other entry in order: <c>present</c> (no write), <c>added</c>, or
    /// <c>failed</c> with the reason (e.g. the service account does not exist). The append is a JSON patch guarded
    /// by the <c>resourceVersion</c> as read; a concurrent change makes it re-read and try again, a bounded number of times.
    /// </summary>
    internal Task<(ServiceAccountResult Result, string? Error)> EnsurePullSecretAsync(
        string ns,
        string serviceAccount,
        string secretName,
        bool dryRun,
        CancellationToken cancellationToken) =>
        PatchServiceAccountAsync(
            ns,
            serviceAccount,
            dryRun,
            read => read.StatusCode == 404 && !KubernetesErrors.IsMissingNamespace(read, out _)
                ? (ServiceAccountResult.Failed, $"service account \"{serviceAccount}\" not found in namespace \"{ns}\"")
                : (ServiceAccountResult.Failed, KubernetesErrors.Describe(read)),
            (account, resourceVersion) =>
                account.ImagePullSecrets is { } existing && existing.Any(entry => string.Equals(entry.Name, secretName, StringComparison.Ordinal))
                    ? (ServiceAccountResult.Present, null)
                    : (ServiceAccountResult.Added, AppendPatch(resourceVersion, secretName, listExists: account.ImagePullSecrets is not null)),
            cancellationToken);

    /// <summary>
    /// The guarded read-modify-write of one service account: read it, let <paramref name="plan"/> decide (a result
    /// with no patch: done, nothing written; a result with a patch: send it, and that result when it is accepted), and
    /// when the patch is refused because the service account changed (409, or 422 from a failed <c>test</c>) read it
    /// again, a bounded number of times. <paramref name="readFailed"/> turns an unsuccessful read into the result.
    /// </summary>
    private async Task<(ServiceAccountResult Result, string? Error)> PatchServiceAccountAsync(
        string ns,
        string serviceAccount,
        bool dryRun,
        Func<KubernetesResponse, (ServiceAccountResult Result, string? Error)> readFailed,
        Func<V1ServiceAccount, string, (ServiceAccountResult Result, IReadOnlyList<JsonPatchOperation>? Patch)> plan,
        CancellationToken cancellationToken)
    {
        var path = $"/api/v1/namespaces/{Uri.EscapeDataString(ns)}/serviceaccounts/{Uri.EscapeDataString(serviceAccount)}";
        string? lastError = null;
        for (var round = 1; round <= options.ServiceAccountAttempts; round++)
        {
            var read = await transport.SendAsync(HttpMethod.Get, path, null, null, cancellationToken).ConfigureAwait(false);
            if (read.StatusCode != 200)
            {
                var (failedResult, failedError) = readFailed(read);
                return Finish(ns, serviceAccount, failedResult, failedError, dryRun);
            }

            V1ServiceAccount? account;
            try
            {
                account = JsonSerializer.Deserialize(read.Body, KubernetesJsonContext.Default.V1ServiceAccount);
            }
            catch (JsonException)
            {
                account = null;
            }

            if (account?.Metadata?.ResourceVersion is not { Length: > 0 } resourceVersion)
            {
                return Finish(ns, serviceAccount, ServiceAccountResult.Failed, "the API server returned an unreadable service account", dryRun);
            }

            var (result, patch) = plan(account, resourceVersion);
            if (patch is null)
            {
                return Finish(ns, serviceAccount, result, null, dryRun);
            }

            var write = await transport.SendAsync(
                HttpMethod.Patch,
                path + WriteQuery(dryRun, force: false),
                JsonPatch,
                JsonSerializer.SerializeToUtf8Bytes(patch, KubernetesJsonContext.Default.IReadOnlyListJsonPatchOperation),
                cancellationToken).ConfigureAwait(false);
            if (write.StatusCode == 200)
            {
                return Finish(ns, serviceAccount, result, null, dryRun);
            }

            if (write.StatusCode is not (409 or 422))
            {
                return Finish(ns, serviceAccount, ServiceAccountResult.Failed, KubernetesErrors.Describe(write), dryRun);
            }

            // The service account changed between our read and our patch: read it again.
            lastError = KubernetesErrors.Describe(write);
            logger.ServiceAccountChanged(ns, serviceAccount, round);
        }

        return Finish(
            ns,
            serviceAccount,
            ServiceAccountResult.Failed,
            $"service account \"{serviceAccount}\" kept changing; gave up after {options.ServiceAccountAttempts} attempts ({lastError})",
            dryRun);
    }

    public void Dispose() => transport.Dispose();

    public override string ToString() => $"KubernetesCluster({transport})";

    private static SecretApplyConfiguration SecretBody(string name, string instance, DockerConfigSecret secret) => new(
        "v1",
        "Secret",
        new ApplyObjectMeta(
            name,
            new Dictionary<string, string>(StringComparer.Ordinal) { [ManagedByLabel] = FieldManager, [InstanceLabel] = instance },
            new Dictionary<string, string>(StringComparer.Ordinal) { [ExpiresAtAnnotation] = secret.ExpiresAtRfc3339 }),
        SecretType,
        new Dictionary<string, string>(StringComparer.Ordinal) { [DockerConfigKey] = secret.DockerConfigJsonBase64 });

    private static IReadOnlyList<JsonPatchOperation> AppendPatch(string resourceVersion, string secretName, bool listExists)
    {
        var reference = new Dictionary<string, string>(StringComparer.Ordinal) { ["name"] = secretName };
        var value = listExists
            ? JsonSerializer.SerializeToElement(reference, KubernetesJsonContext.Default.DictionaryStringString)
            : JsonSerializer.SerializeToElement([reference], KubernetesJsonContext.Default.ListDictionaryStringString);
        return
        [
            new JsonPatchOperation("test", "/metadata/resourceVersion", JsonSerializer.SerializeToElement(resourceVersion, KubernetesJsonContext.Default.String)),
            new JsonPatchOperation("add", listExists ? "/imagePullSecrets/-" : "/imagePullSecrets", value),
        ];
    }

    private static string WriteQuery(bool dryRun, bool force)
    {
        var query = new StringBuilder("?fieldManager=").Append(FieldManager);
        if (force)
        {
            query.Append("&force=true");
        }

        if (dryRun)
        {
            query.Append("&dryRun=All");
        }

        return query.ToString();
    }

    private static string Redact(string message, DockerConfigSecret secret) => Redaction.Replace(message, secret.SensitiveValues());

    private (ServiceAccountResult, string?) Finish(string ns, string serviceAccount, ServiceAccountResult result, string? error, bool dryRun)
    {
        logger.ServiceAccountEnsured(result is ServiceAccountResult.Added or ServiceAccountResult.Present or ServiceAccountResult.Removed or ServiceAccountResult.Absent ? LogLevel.Debug : LogLevel.Warning, ns, serviceAccount, result, dryRun, error ?? string.Empty);
        return (result, error);
    }
}
