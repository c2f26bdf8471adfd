using EcrPublicLambda.Kubernetes;

namespace EcrPublicLambda.Refresh;

/// <summary>
/// What a refresh writes in one cluster's Secrets (<see cref="RegistryLogins.For"/>): the entries of its registries
/// fetched this run (the servers of those that failed are kept from the Secret already there), and the registries that
/// failed, each named with why. Never printed: <see cref="Secret"/> holds passwords.
/// </summary>
internal sealed record SecretContent(DockerConfigSecret Secret, IReadOnlyList<string> FailedRegistries);
