using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Tests.Configuration;

/// <summary>Namespace names and <c>*</c> patterns of the fleet.</summary>
public sealed class NamespacePatternTests
{
    private const string PatternRule = " is not a valid namespace pattern (at most 63 characters of a-z, 0-9, '-' and '*', not starting or ending with '-'; '*' matches any run of characters)";

    [Theory]
    [InlineData("team-a", "team-a", true)]
    [InlineData("team-a", "team-ab", false)]
    [InlineData("team-*", "team-a", true)]
    [InlineData("team-*", "team-", true)]
    [InlineData("team-*", "team", false)]
    [InlineData("team-*", "my-team-a", false)]
    [InlineData("*", "kube-system", true)]
    [InlineData("*-staging", "web-staging", true)]
    [InlineData("*-staging", "web-staging-2", false)]
    [InlineData("a*b*c", "abc", true)]
    [InlineData("a*b*c", "axxbyyc", true)]
    [InlineData("a*b*c", "axxbyyca", false)]
    [InlineData("a*b*c", "acb", false)]
    [InlineData("*a*", "banana", true)]
    [InlineData("*aa*b", "aaab", true)]
    [InlineData("**", "x", true)]
    [InlineData("kube-*", "kube-system", true)]
    public void A_pattern_star_matches_any_run_of_characters(string pattern, string name, bool matches)
    {
        Assert.Equal(matches, NamespacePattern.Parse(pattern).Matches(name));
    }

    [Theory]
    [InlineData("team-a", true)]
    [InlineData("team-*", false)]
    [InlineData("*", false)]
    public void An_entry_without_a_star_is_exact(string entry, bool exact)
    {
        Assert.Equal(exact, NamespacePattern.Parse(entry).IsExact);
    }

    [Theory]
    [InlineData("Team-*")]
    [InlineData("-team*")]
    [InlineData("team*-")]
    [InlineData("team_*")]
    [InlineData("team.*")]
    [InlineData("team-?*")]
    [InlineData("team *")]
    public void A_bad_pattern_names_itself(string pattern)
    {
        Assert.Equal($"\"{pattern}\"{PatternRule}", NamespacePattern.Problem(pattern));
        Assert.Throws<ArgumentException>(() => NamespacePattern.Parse(pattern));
    }

    [Fact]
    public void A_pattern_may_have_63_characters_but_not_64()
    {
        var longest = "a" + new string('*', 62);
        Assert.Null(NamespacePattern.Problem(longest));
        Assert.Equal($"\"{longest}a\"{PatternRule}", NamespacePattern.Problem(longest + "a"));
    }

    [Fact]
    public void An_exact_name_keeps_the_namespace_name_message()
    {
        Assert.Equal(FleetRules.DnsLabel("Team", "namespace"), NamespacePattern.Problem("Team"));
    }
}
