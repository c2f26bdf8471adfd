namespace EcrPublicLambda.Refresh;

/// <summary>
/// One cluster as read: whether it could be read, how (<see cref="EndpointFrom"/>: <c>fleet</c> or
/// <c>describeCluster</c>; <see cref="SecretsReadBy"/>: <c>list</c>, one cluster-wide list, or <c>get</c>, one GET per
/// selected namespace when RBAC grants no cluster-wide list, which cannot see orphaned Secrets), what failed, and its
/// namespaces (selected ones, and those holding our Secret without being selected).
/// </summary>
internal sealed record ClusterStatus(
    string Name,
    string Region,
    bool Reachable,
    string? EndpointFrom,
    string? SecretsReadBy,
    bool OrphansChecked,
    string? Error,
    IReadOnlyList<NamespaceStatus> Namespaces);
