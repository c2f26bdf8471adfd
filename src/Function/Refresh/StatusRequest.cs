namespace EcrPublicLambda.Refresh;

/// <summary>
/// What one status reading covers: all clusters (empty <see cref="Clusters"/>) or a subset by name, and how close to
/// its expiry a Secret is called <c>expiring</c>.
/// </summary>
internal sealed record StatusRequest(IReadOnlyList<string> Clusters, TimeSpan ExpiringWithin)
{
    /// <summary>The default window: a healthy Secret under any accepted schedule has more than this left.</summary>
    internal static readonly TimeSpan DefaultExpiringWithin = TimeSpan.FromHours(6);
}
