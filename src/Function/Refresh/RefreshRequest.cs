namespace EcrPublicLambda.Refresh;

/// <summary>
/// What one run should do: all clusters (empty <see cref="Clusters"/>) or a subset by name, whether writes are
/// server-side dry runs, and its <see cref="Operation"/> (a refresh unless said otherwise).
/// </summary>
internal sealed record RefreshRequest(IReadOnlyList<string> Clusters, bool DryRun)
{
    public RunOperation Operation { get; init; } = RunOperation.Refresh;
}
