using EcrPublicLambda.Kubernetes;

namespace EcrPublicLambda.Refresh;

/// <summary>Whether a listed service account names the pull Secret in its <c>imagePullSecrets</c>, as read.</summary>
internal sealed record ServiceAccountStatus(string Name, PullSecretEntry Entry, string? Error);
