using EcrPublicLambda.Kubernetes;

namespace EcrPublicLambda.Refresh;

/// <summary>
/// What a run does in one namespace of one cluster, as its <see cref="RunOperation"/> made it for that cluster: one step
/// for the Secret, then one per listed service account, unless the Secret's result says the service accounts must be
/// left alone (<see cref="AccountsBlocked"/> gives why).
/// </summary>
internal sealed record NamespaceSteps(
    Func<string, CancellationToken, Task<(SecretResult Result, string? Error)>> Secret,
    Func<string, string, CancellationToken, Task<(ServiceAccountResult Result, string? Error)>> ServiceAccount,
    Func<SecretResult, string?> AccountsBlocked);
