namespace EcrPublicLambda.Configuration;

/// <summary>
/// What a fleet change takes away: the clusters and namespaces an old fleet selected that a new one no longer
/// does, as a fleet a cleanup can run over (its secret name, its clusters with their old access). A cluster is the
/// same cluster when its name, region and <c>roleArn</c> are the same (another role may reach another account's
/// cluster of the same name). Exact names are compared exactly; where patterns or a label selector are involved the
/// difference is only known in the cluster, so the removal errs on the side of cleaning: a cleaned namespace that the
/// new fleet still selects gets its Secret back from the refresh that follows the change, while a namespace left
/// out would keep a Secret nobody refreshes any more.
/// </summary>
public static class FleetRemovals
{
    /// <summary>
    /// The removed parts of <paramref name="old"/> against <paramref name="current"/>, or null when nothing is removed.
    /// A changed <c>secretName</c> removes the old name everywhere: the whole old fleet; so does a changed
    /// <c>instance</c> (the new one does not own the old one's Secrets, so the old ones would never be swept). Service accounts dropped
    /// from a kept namespace are not in it: their entry names a Secret that the new fleet still refreshes.
    /// </summary>
    public static Fleet? Between(Fleet old, Fleet current)
    {
        ArgumentNullException.ThrowIfNull(old);
        ArgumentNullException.ThrowIfNull(current);
        if (!string.Equals(old.SecretName, current.SecretName, StringComparison.Ordinal)
            || !string.Equals(old.Instance, current.Instance, StringComparison.Ordinal))
        {
            return old.Clusters.Count == 0 ? null : old;
        }

        var removed = new List<ClusterConfig>();
        foreach (var cluster in old.Clusters)
        {
            var kept = current.Clusters.FirstOrDefault(candidate =>
                string.Equals(candidate.Name, cluster.Name, StringComparison.Ordinal)
                && string.Equals(candidate.Region, cluster.Region, StringComparison.Ordinal)
                && string.Equals(candidate.RoleArn, cluster.RoleArn, StringComparison.Ordinal));
            if (kept is null)
            {
                removed.Add(cluster);
            }
            else if (Narrowed(cluster, kept) is { } narrowed)
            {
                removed.Add(narrowed);
            }
        }

        return removed.Count == 0 ? null : old with { Clusters = removed };
    }

    /// <summary>The part of <paramref name="old"/>'s selection that <paramref name="current"/> (the same cluster) may no longer select, or null.</summary>
    private static ClusterConfig? Narrowed(ClusterConfig old, ClusterConfig current)
    {
        var before = NamespaceSelection.For(old);
        var after = NamespaceSelection.For(current);
        var sameSelector = string.Equals(before.LabelSelectorQuery, after.LabelSelectorQuery, StringComparison.Ordinal);
        var newExclusions = after.Exclude.Any(pattern => !before.Exclude.Any(existing => string.Equals(existing.Text, pattern.Text, StringComparison.Ordinal)));

        // Still selected for certain: an exact name the new entries name, that no new exclusion removes, under the same
        // selector (a new selector may drop any namespace: that is only known in the cluster).
        bool CertainlyKept(string name) => sameSelector && after.Include.Any(pattern => pattern.Matches(name)) && !after.IsExcluded(name);

        var candidates = new List<string>();
        foreach (var entry in before.Include)
        {
            if (entry.IsExact)
            {
                if (!before.IsExcluded(entry.Text) && !CertainlyKept(entry.Text))
                {
                    candidates.Add(entry.Text);
                }
            }
            else if (!sameSelector || newExclusions || !after.Include.Any(pattern => string.Equals(pattern.Text, entry.Text, StringComparison.Ordinal)))
            {
                // A pattern no longer listed as such, or whose matches a new exclusion or selector may drop.
                candidates.Add(entry.Text);
            }
        }

        if (candidates.Count == 0)
        {
            return null;
        }

        // A pattern's cleanup spares the names the new fleet certainly keeps.
        var spared = candidates.Any(candidate => !NamespacePattern.Parse(candidate).IsExact)
            ? after.ExactNamespaces.Where(CertainlyKept)
            : [];
        return old with
        {
            Namespaces = candidates,
            ExcludeNamespaces = [.. old.ExcludeNamespaces.Concat(spared).Distinct(StringComparer.Ordinal)],
        };
    }
}
