namespace EcrPublicLambda.Refresh;

/// <summary>
/// What one run should do: all clusters (empty <see cref="Clusters"/>) or a subset by name, whether writes are
/// server-side dry runs, and whether it is a cleanup (remove this tool's Secrets and pull-secret entries) rather
/// than a refresh. A cleanup also removes our Secrets it finds outside the fleet's selection (<see cref="Sweep"/>),
/// unless <see cref="SelectionOnly"/>: a fleet change's removals, whose clusters keep their other namespaces.
/// </summary>
internal sealed record RefreshRequest(IReadOnlyList<string> Clusters, bool DryRun, bool Cleanup = false, bool SelectionOnly = false);
