using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Tests.Configuration;

/// <summary>How a cluster's namespaces, exclusions and selector turn a namespace list into the set a run works on.</summary>
public sealed class NamespaceSelectionTests
{
    private static readonly ListedNamespace[] Cluster =
    [
        Listed("default"),
        Listed("kube-system", ("tier", "system")),
        Listed("team-a", ("env", "prod"), ("ecr-public-lambda/pull-secret", "enabled")),
        Listed("team-b", ("env", "staging")),
        Listed("team-c", ("env", "prod")),
        Listed("team-old", "Terminating", ("env", "prod")),
        Listed("web-staging", ("env", "staging"), ("tier", "web")),
    ];

    [Fact]
    public void Exact_names_only_need_no_namespace_list()
    {
        var selection = Selection("""{"namespaces": ["team-b", "default", "team-a"], "excludeNamespaces": ["team-a"]}""");
        Assert.False(selection.NeedsNamespaceList);
        Assert.Null(selection.LabelSelectorQuery);
        Assert.Equal(["team-b", "default"], selection.ExactNamespaces);
    }

    [Theory]
    [InlineData("""{"namespaces": ["team-*"]}""")]
    [InlineData("""{"namespaces": ["default"], "namespaceSelector": "env"}""")]
    public void A_pattern_or_a_selector_needs_the_namespace_list(string cluster)
    {
        Assert.True(Selection(cluster).NeedsNamespaceList);
    }

    [Fact]
    public void A_pattern_selects_active_namespaces_sorted_and_leaves_terminating_ones_alone()
    {
        var result = Selection("""{"namespaces": ["team-*"]}""").Resolve(Cluster.Reverse());
        Assert.Equal(["team-a", "team-b", "team-c"], result.Namespaces);
        Assert.Equal(["team-old"], result.Terminating);
        Assert.Empty(result.Missing);
    }

    [Fact]
    public void Exclusions_win_over_patterns_and_names()
    {
        var result = Selection("""{"namespaces": ["*", "team-a"], "excludeNamespaces": ["kube-*", "team-a", "*-old"]}""").Resolve(Cluster);
        Assert.Equal(["default", "team-b", "team-c", "web-staging"], result.Namespaces);
        Assert.Empty(result.Terminating);
    }

    [Theory]
    [InlineData("env=prod", new[] { "team-a", "team-c" })]
    [InlineData("env!=prod", new[] { "default", "kube-system", "team-b", "web-staging" })]
    [InlineData("env in (prod,staging)", new[] { "team-a", "team-b", "team-c", "web-staging" })]
    [InlineData("env notin (prod,staging)", new[] { "default", "kube-system" })]
    [InlineData("tier", new[] { "kube-system", "web-staging" })]
    [InlineData("!env", new[] { "default", "kube-system" })]
    [InlineData("ecr-public-lambda/pull-secret=enabled", new[] { "team-a" })]
    [InlineData("env=staging,tier!=web", new[] { "team-b" })]
    public void A_selector_narrows_the_selection(string selector, string[] expected)
    {
        var result = Selection($$"""{"namespaces": ["*"], "namespaceSelector": "{{selector}}"}""").Resolve(Cluster);
        Assert.Equal(expected, result.Namespaces);
    }

    [Fact]
    public void A_selector_narrows_exact_names_too_and_reports_none_missing()
    {
        var selection = Selection("""{"namespaces": ["team-a", "team-b", "gone"], "namespaceSelector": "env=prod"}""");
        Assert.Equal("env=prod", selection.LabelSelectorQuery);
        var result = selection.Resolve(Cluster);
        Assert.Equal(["team-a"], result.Namespaces);
        Assert.Empty(result.Missing);
    }

    [Fact]
    public void A_missing_exact_name_beside_a_pattern_is_reported_missing_unless_excluded()
    {
        var result = Selection("""{"namespaces": ["web-*", "zeta", "gone", "skipped"], "excludeNamespaces": ["skipped"]}""").Resolve(Cluster);
        Assert.Equal(["web-staging"], result.Namespaces);
        Assert.Equal(["gone", "zeta"], result.Missing);
    }

    [Fact]
    public void A_pattern_that_matches_nothing_is_an_empty_selection()
    {
        var result = Selection("""{"namespaces": ["nothing-*"]}""").Resolve(Cluster);
        Assert.Empty(result.Namespaces);
        Assert.Empty(result.Terminating);
        Assert.Empty(result.Missing);
    }

    [Fact]
    public void A_namespace_without_a_phase_is_not_active()
    {
        var result = Selection("""{"namespaces": ["x"]}""").Resolve([new ListedNamespace("x", new Dictionary<string, string>(), null)]);
        Assert.Empty(result.Namespaces);
        Assert.Equal(["x"], result.Terminating);
    }

    private static NamespaceSelection Selection(string cluster) =>
        NamespaceSelection.For(FleetParser.Parse(FleetJson.Document(cluster)).Clusters[0]);

    private static ListedNamespace Listed(string name, params (string Key, string Value)[] labels) =>
        Listed(name, ListedNamespace.Active, labels);

    private static ListedNamespace Listed(string name, string phase, params (string Key, string Value)[] labels) =>
        new(name, labels.ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal), phase);
}
