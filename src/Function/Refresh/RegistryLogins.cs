using System.Text.Json;
using EcrPublicLambda.Aws;
using EcrPublicLambda.Common;
using EcrPublicLambda.Configuration;
using EcrPublicLambda.Kubernetes;
using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Refresh;

/// <summary>
/// The run's credential set: every registry the selected clusters receive, fetched once and all at the same time (one
/// ECR call per region and role, one Secrets Manager call per secret and role), and for each cluster the Secret content
/// made from its registries (<see cref="For"/>). A registry that could not be fetched is kept as its error: the
/// clusters that receive it keep its entries already in their Secrets. Never prints a credential.
/// </summary>
internal sealed class RegistryLogins
{
    private readonly Dictionary<string, (PullCredential? Credential, string? Error)> byName;
    private readonly Dictionary<string, (DockerConfigSecret? Secret, IReadOnlyList<string> Failed)> byCluster = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    private RegistryLogins(IReadOnlyList<RegistryConfig> registries, (PullCredential? Credential, string? Error)[] results)
    {
        Registries = registries;
        byName = new(StringComparer.Ordinal);
        for (var i = 0; i < registries.Count; i++)
        {
            byName[registries[i].Name] = results[i];
        }
    }

    /// <summary>The registries fetched, in fleet order.</summary>
    internal IReadOnlyList<RegistryConfig> Registries { get; }

    /// <summary>The earliest expiry among the credentials fetched (null: none expires, or none was fetched).</summary>
    internal DateTimeOffset? ExpiresAt => byName.Values.Select(r => r.Credential?.ExpiresAt).Where(at => at is not null).Min();

    /// <summary>Every registry failed: nothing can be written (the error names each).</summary>
    internal string? AllFailedError =>
        byName.Values.All(r => r.Credential is null)
            ? Registries is [{ Type: RegistryType.EcrPublic }]
                ? $"ECR Public GetAuthorizationToken failed, so no cluster was written: {byName[Registries[0].Name].Error}"
                : $"no registry's credentials could be fetched, so no cluster was written: {string.Join("; ", Registries.Select(Failure))}"
            : null;

    /// <summary>Fetches <paramref name="registries"/> concurrently; an error is kept per registry, never thrown (but cancellation).</summary>
    internal static async Task<RegistryLogins> FetchAsync(AwsClients aws, IReadOnlyList<RegistryConfig> registries, ILogger logger, CancellationToken cancellationToken)
    {
        // Registries sharing a call share its task: ECR by region and role, Secrets Manager by secret and role.
        var calls = new Dictionary<string, Task<(PullCredential?, string?)>>(StringComparer.Ordinal);
        var tasks = registries.Select(registry =>
        {
            var key = registry.Type switch
            {
                RegistryType.EcrPublic => "ecr-public",
                RegistryType.Ecr => $"ecr {registry.Region} {registry.RoleArn}",
                _ => $"secretsmanager {registry.SecretArn} {registry.RoleArn}",
            };
            if (!calls.TryGetValue(key, out var call))
            {
                call = FetchOneAsync(aws, registry, cancellationToken);
                calls[key] = call;
            }

            return (registry, call);
        }).ToList();

        var results = new (PullCredential?, string?)[tasks.Count];
        for (var i = 0; i < tasks.Count; i++)
        {
            var (registry, call) = tasks[i];
            var (credential, error) = await call.ConfigureAwait(false);
            results[i] = credential is null ? (null, error) : (new PullCredential(registry.Servers, credential.Username, credential.Password, credential.ExpiresAt), null);
            if (error is not null)
            {
                logger.RegistryFetchFailed(JsonPath.Quote(registry.Name), error);
            }
        }

        return new RegistryLogins(registries, results);
    }

    /// <summary>
    /// What <paramref name="cluster"/>'s Secrets hold: its registries that were fetched, and the servers of those that
    /// failed (kept from the Secret already there); <c>Failed</c> names the failed registries with why. A null Secret:
    /// every one of its registries failed, so nothing is written there.
    /// </summary>
    internal (DockerConfigSecret? Secret, IReadOnlyList<string> Failed) For(Fleet fleet, ClusterConfig cluster)
    {
        var registries = fleet.RegistriesFor(cluster);
        var key = string.Join(",", registries.Select(r => r.Name));
        lock (gate)
        {
            if (byCluster.TryGetValue(key, out var made))
            {
                return made;
            }

            var fetched = registries.Where(r => byName[r.Name].Credential is not null).Select(r => byName[r.Name].Credential!).ToList();
            var failed = registries.Where(r => byName[r.Name].Credential is null).ToList();
            made = (fetched.Count == 0 ? null : new DockerConfigSecret(fetched, [.. failed.SelectMany(r => r.Servers)]), [.. failed.Select(Failure)]);
            byCluster[key] = made;
            return made;
        }
    }

    private string Failure(RegistryConfig registry) => $"registry {JsonPath.Quote(registry.Name)} ({registry.Describe()}) could not be fetched: {byName[registry.Name].Error}";

    private static async Task<(PullCredential?, string?)> FetchOneAsync(AwsClients aws, RegistryConfig registry, CancellationToken cancellationToken)
    {
        try
        {
            switch (registry.Type)
            {
                case RegistryType.EcrPublic:
                {
                    var token = await aws.GetEcrPublicTokenAsync(cancellationToken).ConfigureAwait(false);
                    return (new PullCredential(registry.Servers, token.Username, token.Password, token.ExpiresAt), null);
                }

                case RegistryType.Ecr:
                {
                    var credentials = await aws.CredentialsForAsync(registry.RoleArn, registry.Region!, cancellationToken).ConfigureAwait(false);
                    var token = await aws.GetEcrTokenAsync(registry.Region!, credentials, cancellationToken).ConfigureAwait(false);
                    return (new PullCredential(registry.Servers, token.Username, token.Password, token.ExpiresAt), null);
                }

                default:
                {
                    var credentials = await aws.CredentialsForAsync(registry.RoleArn, registry.Region!, cancellationToken).ConfigureAwait(false);
                    var value = await aws.GetSecretStringAsync(registry.SecretArn!, registry.Region!, credentials, cancellationToken).ConfigureAwait(false);
                    return ParseLogin(registry, value) is { } login ? (login, null) : (null, $"the SecretString of {FleetRules.SecretArnName(registry.SecretArn!)} is not a JSON object with \"username\" and \"password\" strings");
                }
            }
        }
        catch (Exception e) when (e is AwsServiceException or AwsCredentialsException or HttpRequestException or FormatException or ArgumentException)
        {
            return (null, ErrorText.Sanitize(e.Message, 512));
        }
    }

    /// <summary><c>{"username": ..., "password": ...}</c>, both non-empty strings; anything else is null (the value never reaches a message).</summary>
    private static PullCredential? ParseLogin(RegistryConfig registry, string value)
    {
        try
        {
            using var document = JsonDocument.Parse(value);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("username", out var user) && user.ValueKind == JsonValueKind.String && user.GetString() is { Length: > 0 } username
                && root.TryGetProperty("password", out var pass) && pass.ValueKind == JsonValueKind.String && pass.GetString() is { Length: > 0 } password
                ? new PullCredential(registry.Servers, username, password, null)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
