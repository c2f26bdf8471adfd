using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Tests.Configuration;

/// <summary>The fleet fields of namespace selection: patterns, <c>excludeNamespaces</c>, <c>namespaceSelector</c>.</summary>
public sealed class NamespaceFleetTests
{
    private const string PatternRule = " is not a valid namespace pattern (at most 63 characters of a-z, 0-9, '-' and '*', not starting or ending with '-'; '*' matches any run of characters)";
    private const string NameRule = " is not a valid namespace name (a DNS-1123 label: at most 63 characters of a-z, 0-9 and '-', starting and ending with a letter or digit)";

    [Fact]
    public void Patterns_exclusions_and_a_selector_are_read()
    {
        var cluster = FleetParser.Parse(FleetJson.Document(
            """{"namespaces": ["team-*", "default"], "excludeNamespaces": ["team-old", "*-tmp"], "namespaceSelector": "tier!=system, env in (staging,prod)"}""")).Clusters[0];
        Assert.Equal(["team-*", "default"], cluster.Namespaces);
        Assert.Equal(["team-old", "*-tmp"], cluster.ExcludeNamespaces);
        Assert.Equal("env in (prod,staging),tier!=system", cluster.NamespaceSelector!.ToString());
    }

    [Fact]
    public void The_new_fields_are_optional_and_null_means_absent()
    {
        var cluster = FleetParser.Parse(FleetJson.Document("""{"excludeNamespaces": null, "namespaceSelector": null}""")).Clusters[0];
        Assert.Empty(cluster.ExcludeNamespaces);
        Assert.Null(cluster.NamespaceSelector);
        Assert.Empty(FleetParser.Parse(FleetJson.Document("""{"excludeNamespaces": []}""")).Clusters[0].ExcludeNamespaces);
    }

    [Fact]
    public void Every_bad_pattern_and_selector_is_reported_with_its_path()
    {
        var errors = FleetJson.Errors(FleetJson.Document(
            """{"namespaces": ["team-*", "Team-*", "ok", "Bad"], "excludeNamespaces": ["*-", "fine", "x_y"], "namespaceSelector": "env in (prod"}"""));
        Assert.Equal(
            [
                "clusters[0].namespaces[1]: \"Team-*\"" + PatternRule,
                "clusters[0].namespaces[3]: \"Bad\"" + NameRule,
                "clusters[0].excludeNamespaces[0]: \"*-\"" + PatternRule,
                "clusters[0].excludeNamespaces[2]: \"x_y\"" + NameRule,
                "clusters[0].namespaceSelector: \"env in (prod\" is not a valid label selector: found the end, expected: ',' or ')'",
            ],
            errors);
    }

    [Theory]
    [InlineData("""{"excludeNamespaces": "team-a"}""", "clusters[0].excludeNamespaces: expected an array of strings")]
    [InlineData("""{"excludeNamespaces": ["a", "a"]}""", "clusters[0].excludeNamespaces[1]: duplicate namespace \"a\" (same as clusters[0].excludeNamespaces[0])")]
    [InlineData("""{"namespaces": ["t-*", "t-*"]}""", "clusters[0].namespaces[1]: duplicate namespace \"t-*\" (same as clusters[0].namespaces[0])")]
    [InlineData("""{"namespaceSelector": ["env=prod"]}""", "clusters[0].namespaceSelector: expected a string")]
    [InlineData("""{"namespaceSelector": ""}""", "clusters[0].namespaceSelector: \"\" is not a valid label selector: it is empty (leave the field out to select by name only)")]
    [InlineData("""{"namespaceSelector": "env>1"}""", "clusters[0].namespaceSelector: \"env>1\" is not a valid label selector: key \"env\": the operator '>' is not supported (use =, ==, !=, in, notin, a key alone or !key)")]
    [InlineData("""{"namespaceselector": "env"}""", "clusters[0].namespaceselector: unknown field (did you mean \"namespaceSelector\"?)")]
    [InlineData("""{"excludeNamespace": ["a"]}""", "clusters[0].excludeNamespace: unknown field (did you mean \"excludeNamespaces\"?)")]
    public void A_bad_namespace_field_is_reported_with_its_path(string overrides, string expected)
    {
        Assert.Equal([expected], FleetJson.Errors(FleetJson.Document(overrides)));
    }

    [Fact]
    public void A_namespace_both_selected_and_excluded_is_valid()
    {
        var cluster = FleetParser.Parse(FleetJson.Document("""{"namespaces": ["team-a"], "excludeNamespaces": ["team-a"]}""")).Clusters[0];
        Assert.Empty(NamespaceSelection.For(cluster).ExactNamespaces);
    }
}
