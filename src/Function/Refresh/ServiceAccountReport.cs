using EcrPublicLambda.Kubernetes;

namespace EcrPublicLambda.Refresh;

internal sealed record ServiceAccountReport(string Namespace, string Name, ServiceAccountResult Result, string? Error);
