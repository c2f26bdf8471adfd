using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Tests.Configuration;

/// <summary>What a fleet change takes away, as the fleet a cleanup runs over.</summary>
public sealed class FleetRemovalsTests
{
    private const string Role = "arn:aws:iam::210987654321:role/ecr-public-writer";

    private static ClusterConfig Cluster(string name, string[] namespaces, string[]? serviceAccounts = null, string region = "eu-west-1", string? roleArn = null) =>
        new(name, region, namespaces, serviceAccounts ?? [], roleArn, null, null);

    private static Fleet Of(params ClusterConfig[] clusters) => new(Fleet.DefaultSecretName, false, clusters);

    [Fact]
    public void The_same_fleet_removes_nothing()
    {
        var fleet = Of(Cluster("prod", ["default", "monitoring"], ["default"]), Cluster("partner", ["team-a"], roleArn: Role));

        Assert.Null(FleetRemovals.Between(fleet, fleet with { }));
    }

    [Fact]
    public void Additions_remove_nothing()
    {
        var old = Of(Cluster("prod", ["default"]));
        var current = Of(Cluster("prod", ["default", "monitoring"], ["default"]), Cluster("staging", ["default"]));

        Assert.Null(FleetRemovals.Between(old, current));
    }

    [Fact]
    public void A_removed_namespace_is_cleaned_with_the_clusters_old_access_and_service_accounts()
    {
        var old = Of(Cluster("prod", ["default", "monitoring", "apps"], ["default", "builder"]), Cluster("staging", ["default"]));
        var current = Of(Cluster("prod", ["default"], ["default"]), Cluster("staging", ["default"]));

        var removed = FleetRemovals.Between(old, current)!;

        var cluster = Assert.Single(removed.Clusters);
        Assert.Equal("prod", cluster.Name);
        Assert.Equal(["monitoring", "apps"], cluster.Namespaces);
        // The old list: whatever the old fleet listed there had our entry appended.
        Assert.Equal(["default", "builder"], cluster.ServiceAccounts);
        Assert.Empty(cluster.ExcludeNamespaces);
        Assert.Equal(Fleet.DefaultSecretName, removed.SecretName);
    }

    [Fact]
    public void A_removed_cluster_is_cleaned_whole_same_account_or_through_its_role()
    {
        var partner = Cluster("partner", ["team-a", "team-b"], ["builder"], roleArn: Role);
        var other = Cluster("prod", ["default"], region: "us-east-1");
        var old = Of(Cluster("prod", ["default"]), partner, other);
        var current = Of(Cluster("prod", ["default"]));

        var removed = FleetRemovals.Between(old, current)!;

        Assert.Equal([partner, other], removed.Clusters);
        Assert.Equal(Role, removed.Clusters[0].RoleArn);
    }

    [Fact]
    public void A_changed_role_is_another_cluster_the_old_one_is_cleaned_through_the_old_role()
    {
        var old = Of(Cluster("partner", ["team-a"], roleArn: Role));
        var current = Of(Cluster("partner", ["team-a"], roleArn: "arn:aws:iam::333333333333:role/writer"));

        var cluster = Assert.Single(FleetRemovals.Between(old, current)!.Clusters);

        Assert.Equal(Role, cluster.RoleArn);
        Assert.Equal(["team-a"], cluster.Namespaces);
    }

    [Fact]
    public void A_changed_secret_name_cleans_the_old_name_everywhere()
    {
        var old = new Fleet("old-pull-secret", true, [Cluster("prod", ["default", "monitoring"], ["default"]), Cluster("staging", ["default"])]);
        var current = Of(Cluster("prod", ["default", "monitoring"], ["default"]), Cluster("staging", ["default"]));

        var removed = FleetRemovals.Between(old, current)!;

        Assert.Equal("old-pull-secret", removed.SecretName);
        Assert.Same(old, removed);
    }

    [Fact]
    public void Dropped_service_accounts_alone_clean_nothing()
    {
        var old = Of(Cluster("prod", ["default"], ["default", "builder"]));
        var current = Of(Cluster("prod", ["default"], ["default"]));

        Assert.Null(FleetRemovals.Between(old, current));
    }

    [Fact]
    public void A_name_that_a_new_exclusion_removes_is_cleaned()
    {
        var old = Of(Cluster("prod", ["default", "monitoring"]));
        var current = Of(Cluster("prod", ["default", "monitoring"]) with { ExcludeNamespaces = ["monitoring"] });

        Assert.Equal(["monitoring"], Assert.Single(FleetRemovals.Between(old, current)!.Clusters).Namespaces);
    }

    [Fact]
    public void A_name_that_a_new_pattern_still_selects_is_kept()
    {
        var old = Of(Cluster("prod", ["team-a", "team-b", "ops"]));
        var current = Of(Cluster("prod", ["team-*"]));

        Assert.Equal(["ops"], Assert.Single(FleetRemovals.Between(old, current)!.Clusters).Namespaces);
    }

    [Fact]
    public void A_dropped_pattern_is_cleaned_sparing_the_names_the_new_fleet_keeps()
    {
        var old = Of(Cluster("prod", ["team-*", "ops"]) with { ExcludeNamespaces = ["team-secret"] });
        var current = Of(Cluster("prod", ["team-a", "ops"]));

        var cluster = Assert.Single(FleetRemovals.Between(old, current)!.Clusters);

        Assert.Equal(["team-*"], cluster.Namespaces);
        Assert.Equal(["team-secret", "team-a", "ops"], cluster.ExcludeNamespaces);
    }

    [Fact]
    public void A_kept_pattern_under_a_new_selector_is_cleaned_the_refresh_restores_what_it_still_selects()
    {
        var old = Of(Cluster("prod", ["team-*"]));
        var current = Of(Cluster("prod", ["team-*"]) with { NamespaceSelector = LabelSelector.Parse("pull-secrets=yes") });

        var cluster = Assert.Single(FleetRemovals.Between(old, current)!.Clusters);

        Assert.Equal(["team-*"], cluster.Namespaces);
        Assert.Null(cluster.NamespaceSelector);
    }

    [Fact]
    public void A_kept_pattern_with_the_same_selection_is_not_cleaned()
    {
        var old = Of(Cluster("prod", ["team-*", "ops"]) with { ExcludeNamespaces = ["team-x"] });
        var current = Of(Cluster("prod", ["team-*"]) with { ExcludeNamespaces = ["team-x"] });

        var cluster = Assert.Single(FleetRemovals.Between(old, current)!.Clusters);

        Assert.Equal(["ops"], cluster.Namespaces);
    }

    [Fact]
    public void A_changed_instance_removes_the_whole_old_fleet_under_the_old_instance()
    {
        var old = Of(Cluster("prod", ["default"])) with { Instance = "blue" };
        var current = Of(Cluster("prod", ["default"])) with { Instance = "green" };

        var removed = FleetRemovals.Between(old, current)!;

        Assert.Same(old, removed);
        Assert.Equal("blue", removed.Instance);
    }
}
