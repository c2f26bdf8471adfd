using EcrPublicLambda.Configuration;
using EcrPublicLambda.Kubernetes;
using EcrPublicLambda.Refresh;
using k8s.Models;

namespace EcrPublicLambda.Tests.Refresh;

/// <summary>The sweep's decisions: which runs sweep a cluster, which found Secret goes, where a refused list looks instead.</summary>
public sealed class SweepTests
{
    private static readonly HashSet<string> Kept = new(["apps"], StringComparer.Ordinal);

    private static ClusterConfig Cluster(string[] namespaces, string[]? exclude = null) =>
        new("prod", "eu-west-1", namespaces, [], null, null, null) { ExcludeNamespaces = exclude ?? [] };

    private static ListedSecret Ours(string ns, string? instance = null)
    {
        var labels = new Dictionary<string, string> { [KubernetesCluster.ManagedByLabel] = KubernetesCluster.FieldManager };
        if (instance is not null)
        {
            labels[KubernetesCluster.InstanceLabel] = instance;
        }

        return ListedSecret.From(new SecretItem(new V1ObjectMeta
        {
            Name = "ecr-public-token",
            NamespaceProperty = ns,
            Uid = "u-1",
            ResourceVersion = "7",
            Labels = labels,
            ManagedFields =
            [
                new V1ManagedFieldsEntry
                {
                    Manager = KubernetesCluster.FieldManager,
                    Operation = "Apply",
                    FieldsType = "FieldsV1",
                    FieldsV1 = System.Text.Json.JsonDocument.Parse("""{"f:data":{"f:.dockerconfigjson":{}}}""").RootElement.Clone(),
                },
            ],
        }, "kubernetes.io/dockerconfigjson", null))!;
    }

    [Fact]
    public void A_refresh_sweeps_only_clusters_chosen_by_pattern_and_every_cleanup_but_a_fleet_changes()
    {
        Assert.False(RunOperation.Refresh.Sweeps(Cluster(["apps", "tools"])));
        Assert.True(RunOperation.Refresh.Sweeps(Cluster(["team-*"])));
        Assert.True(RunOperation.Cleanup.Sweeps(Cluster(["apps"])));
        Assert.False(RunOperation.SelectionCleanup.Sweeps(Cluster(["team-*"])));
    }

    [Fact]
    public void Our_Secret_of_this_instance_outside_the_kept_namespaces_goes_and_nothing_else()
    {
        Assert.True(Sweep.Removes(Ours("tools"), Kept, "default"));
        Assert.False(Sweep.Removes(Ours("apps"), Kept, "default"));
        Assert.False(Sweep.Removes(Ours("tools", "blue"), Kept, "default"));
        Assert.True(Sweep.Removes(Ours("tools", "blue"), Kept, "blue"));
    }

    [Fact]
    public void A_namespace_read_one_by_one_goes_to_the_cleanup_step_when_ours_or_unreadable_and_not_when_empty()
    {
        Assert.True(Sweep.RemovesAfterRead(Ours("tools"), null, Kept, "default"));
        Assert.True(Sweep.RemovesAfterRead(null, "reading the Secret failed: forbidden (403)", Kept, "default"));
        Assert.False(Sweep.RemovesAfterRead(null, null, Kept, "default"));
        Assert.False(Sweep.RemovesAfterRead(Ours("tools", "blue"), null, Kept, "default"));
    }

    [Fact]
    public void A_refused_list_falls_back_to_the_exact_names_of_namespaces_and_exclusions_not_kept_in_order()
    {
        var cluster = Cluster(["team-*", "zeta", "apps"], ["old", "team-x*", "zeta"]);

        Assert.Equal(["old", "zeta"], Sweep.FallbackNamespaces(cluster, Kept));
    }
}
