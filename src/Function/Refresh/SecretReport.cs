using EcrPublicLambda.Kubernetes;

namespace EcrPublicLambda.Refresh;

internal sealed record SecretReport(string Namespace, SecretResult Result, string? Error);
