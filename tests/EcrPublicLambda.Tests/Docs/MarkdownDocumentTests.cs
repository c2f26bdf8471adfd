namespace EcrPublicLambda.Tests.Docs;

/// <summary>The link check's reading of Markdown, against ids GitHub gives (see <see cref="MarkdownDocument.AnchorOf"/>).</summary>
public sealed class MarkdownDocumentTests
{
    [Theory]
    [InlineData("Cleaning up: `bootstrap cleanup`", "cleaning-up-bootstrap-cleanup")]
    [InlineData("Build anywhere (macOS, CI, arm64)", "build-anywhere-macos-ci-arm64")]
    [InlineData("Lifecycle: deploy, change, teardown", "lifecycle-deploy-change-teardown")]
    [InlineData("snake_case and dash-case", "snake_case-and-dash-case")]
    [InlineData("A -- B", "a----b")]
    public void A_heading_id_is_its_lower_case_text_without_punctuation_and_with_dashes_for_spaces(string heading, string anchor) =>
        Assert.Equal(anchor, MarkdownDocument.AnchorOf(heading));

    [Fact]
    public void A_repeated_heading_gets_a_numbered_id_and_a_heading_inside_a_code_fence_gets_none()
    {
        var document = new MarkdownDocument("# Deploy\n\n```sh\n# Deploy again\n```\n\n## Deploy\n\n### [Links](x.md) and `code`\n");
        Assert.Equal(new HashSet<string>(["deploy", "deploy-1", "links-and-code"]), document.Anchors.ToHashSet());
    }

    [Fact]
    public void Link_targets_are_read_from_prose_across_lines_but_not_from_code()
    {
        var document = new MarkdownDocument("See [the\nfleet file](fleet-file.md#rules \"title\") and `[not](a.md)`.\n\n```text\n[nor](b.md)\n```\n");
        Assert.Equal(["fleet-file.md#rules"], document.LinkTargets);
    }
}
