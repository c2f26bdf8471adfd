using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Tests.Configuration;

/// <summary>The label selector of <c>namespaceSelector</c>: Kubernetes grammar, validation, matching and canonical text.</summary>
public sealed class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Prod = new(StringComparer.Ordinal)
    {
        ["env"] = "prod",
        ["tier"] = "web",
        ["ecr-public-lambda/pull-secret"] = "enabled",
        ["empty"] = string.Empty,
    };

    private static readonly Dictionary<string, string> Unlabelled = new(StringComparer.Ordinal);

    [Theory]
    [InlineData("env=prod", true, false)]
    [InlineData("env==prod", true, false)]
    [InlineData("env=staging", false, false)]
    [InlineData("env!=prod", false, true)]
    [InlineData("env!=staging", true, true)]
    [InlineData("env in (prod,staging)", true, false)]
    [InlineData("env in (staging)", false, false)]
    [InlineData("env notin (prod,staging)", false, true)]
    [InlineData("env notin (dev)", true, true)]
    [InlineData("env", true, false)]
    [InlineData("!env", false, true)]
    [InlineData("!missing", true, true)]
    [InlineData("missing", false, false)]
    [InlineData("empty=", true, false)]
    [InlineData("empty in (,a)", true, false)]
    [InlineData("ecr-public-lambda/pull-secret=enabled", true, false)]
    [InlineData("env=prod,tier!=system", true, false)]
    [InlineData("env!=dev,tier!=system", true, true)]
    [InlineData("env=prod,tier=system", false, false)]
    [InlineData("env in (prod),!legacy,tier", true, false)]
    public void A_selector_matches_labels_as_Kubernetes_does(string text, bool matchesProd, bool matchesUnlabelled)
    {
        var selector = LabelSelector.Parse(text);
        Assert.Equal(matchesProd, selector.Matches(Prod));
        Assert.Equal(matchesUnlabelled, selector.Matches(Unlabelled));
    }

    [Theory]
    [InlineData("env=prod", "env=prod")]
    [InlineData("env==prod", "env=prod")]
    [InlineData("  env  =  prod  ", "env=prod")]
    [InlineData("env\t!=\nprod", "env!=prod")]
    [InlineData("tier!=system,env in (staging, prod)", "env in (prod,staging),tier!=system")]
    [InlineData("env in (b,a,b)", "env in (a,b)")]
    [InlineData("env notin ( x , y )", "env notin (x,y)")]
    [InlineData("! legacy , a", "a,!legacy")]
    [InlineData("k in (a,)", "k in (,a)")]
    [InlineData("k in (a,,b)", "k in (,a,b)")]
    [InlineData("k=", "k=")]
    [InlineData("k=,j", "j,k=")]
    [InlineData("k in (in,notin)", "k in (in,notin)")]
    [InlineData("k=in", "k=in")]
    [InlineData("example.com/Team_A.b=V-1.x_Y", "example.com/Team_A.b=V-1.x_Y")]
    public void The_canonical_text_sorts_and_normalizes_and_parses_back(string text, string canonical)
    {
        var selector = LabelSelector.Parse(text);
        Assert.Equal(canonical, selector.ToString());
        Assert.Equal(canonical, LabelSelector.Parse(canonical).ToString());
    }

    [Fact]
    public void Requirements_on_one_key_all_apply()
    {
        var selector = LabelSelector.Parse("env!=dev,env");
        Assert.Equal("env!=dev,env", selector.ToString());
        Assert.True(selector.Matches(Prod));
        Assert.False(selector.Matches(Unlabelled));
        Assert.Equal([LabelOperator.NotEquals, LabelOperator.Exists], selector.Requirements.Select(r => r.Operator));
    }

    [Theory]
    [InlineData("", "it is empty (leave the field out to select by name only)")]
    [InlineData("   ", "it is empty (leave the field out to select by name only)")]
    [InlineData("env=prod,", "found the end, expected: a requirement after ','")]
    [InlineData(",env", "found ',', expected: '!', a label key or the end")]
    [InlineData("env=prod,,a", "found ',', expected: a requirement after ','")]
    [InlineData("env in prod", "found \"prod\", expected: '('")]
    [InlineData("env in (prod", "found the end, expected: ',' or ')'")]
    [InlineData("env in (a b)", "found \"b\", expected: ',' or ')'")]
    [InlineData("env in ()", "key \"env\": the values of 'in' cannot be empty")]
    [InlineData("env notin ()", "key \"env\": the values of 'notin' cannot be empty")]
    [InlineData("env=a=b", "found '=', expected: ',' or the end")]
    [InlineData("env=(a)", "found '(', expected: a value")]
    [InlineData("env prod", "found \"prod\" after key \"env\", expected: =, ==, !=, in or notin")]
    [InlineData("env>1", "key \"env\": the operator '>' is not supported (use =, ==, !=, in, notin, a key alone or !key)")]
    [InlineData("env<1", "key \"env\": the operator '<' is not supported (use =, ==, !=, in, notin, a key alone or !key)")]
    [InlineData("!env=prod", "found '=', expected: ',' or the end")]
    [InlineData("!", "found the end, expected: a label key")]
    [InlineData("=prod", "found '=', expected: '!', a label key or the end")]
    [InlineData("in=prod", "found 'in', expected: '!', a label key or the end")]
    [InlineData("-env=prod", "key \"-env\": the name must be 1-63 characters of A-Z, a-z, 0-9, '-', '_' and '.', starting and ending with a letter or digit")]
    [InlineData("env_=prod", "key \"env_\": the name must be 1-63 characters of A-Z, a-z, 0-9, '-', '_' and '.', starting and ending with a letter or digit")]
    [InlineData("Example.com/env=prod", "key \"Example.com/env\": the prefix must be a DNS subdomain (at most 253 characters of a-z, 0-9, '-' and '.', each part starting and ending with a letter or digit)")]
    [InlineData("/env=prod", "key \"/env\": the prefix must be a DNS subdomain (at most 253 characters of a-z, 0-9, '-' and '.', each part starting and ending with a letter or digit)")]
    [InlineData("a/b/c=prod", "key \"a/b/c\": a key has at most one '/' (prefix/name)")]
    [InlineData("example.com/=prod", "key \"example.com/\": the name must be 1-63 characters of A-Z, a-z, 0-9, '-', '_' and '.', starting and ending with a letter or digit")]
    [InlineData("env=-prod", "value \"-prod\": a label value must be empty or at most 63 characters of A-Z, a-z, 0-9, '-', '_' and '.', starting and ending with a letter or digit")]
    [InlineData("env in (ok,bad/value)", "value \"bad/value\": a label value must be empty or at most 63 characters of A-Z, a-z, 0-9, '-', '_' and '.', starting and ending with a letter or digit")]
    [InlineData("env=pr*d", "value \"pr*d\": a label value must be empty or at most 63 characters of A-Z, a-z, 0-9, '-', '_' and '.', starting and ending with a letter or digit")]
    public void A_bad_selector_gets_a_message_that_names_it_and_the_problem(string text, string reason)
    {
        Assert.Equal($"{Quoted(text)} is not a valid label selector: {reason}", LabelSelector.Problem(text));
        Assert.False(LabelSelector.TryParse(text, out _, out _));
        Assert.Throws<ArgumentException>(() => LabelSelector.Parse(text));
    }

    [Fact]
    public void Keys_and_values_may_have_63_characters_but_not_64_and_prefixes_253()
    {
        var name63 = "a" + new string('b', 61) + "c";
        var prefix253 = string.Join('.', Enumerable.Repeat(new string('p', 63), 4))[..253];
        Assert.Null(LabelSelector.Problem($"{name63}={name63}"));
        Assert.Null(LabelSelector.Problem($"{prefix253}/{name63}"));
        Assert.NotNull(LabelSelector.Problem($"{name63}x=v"));
        Assert.NotNull(LabelSelector.Problem($"k={name63}x"));
        Assert.NotNull(LabelSelector.Problem($"{prefix253}p/k"));
    }

    private static string Quoted(string text) => JsonPath.Quote(text);
}
