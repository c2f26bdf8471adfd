namespace EcrPublicLambda.Refresh;

/// <summary>
/// What one run should do: all clusters (empty <see cref="Clusters"/>) or a subset by name, whether writes are
/// server-side dry runs, and whether it is a cleanup (remove this tool's Secrets and pull-secret entries) rather
/// than a refresh.
/// </summary>
internal sealed record RefreshRequest(IReadOnlyList<string> Clusters, bool DryRun, bool Cleanup = false);
