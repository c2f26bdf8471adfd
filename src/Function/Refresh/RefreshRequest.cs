namespace EcrPublicLambda.Refresh;

/// <summary>What one run should do: all clusters (empty <see cref="Clusters"/>) or a subset by name, and whether writes are server-side dry runs.</summary>
internal sealed record RefreshRequest(IReadOnlyList<string> Clusters, bool DryRun);
