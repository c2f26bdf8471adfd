using EcrPublicLambda.Tests.Architecture;

namespace EcrPublicLambda.Tests.Docs;

/// <summary>
/// The user docs are README.md (the front door, at most 8 KB) and the pages of docs/: every relative link resolves to a
/// file, every #anchor to a heading of its page by GitHub's rule, and every page is reachable from the README. No network.
/// </summary>
public sealed class DocumentationLinkTests
{
    private const int ReadmeLimitBytes = 8192;

    private static readonly string Root = RepositoryRoot.Find();

    private static IEnumerable<string> Pages() =>
        new[] { Path.Combine(Root, "README.md") }.Concat(Directory.GetFiles(Path.Combine(Root, "docs"), "*.md").Order(StringComparer.Ordinal));

    [Fact]
    public void The_readme_is_at_most_8192_bytes()
    {
        var size = new FileInfo(Path.Combine(Root, "README.md")).Length;
        Assert.True(size <= ReadmeLimitBytes, $"README.md is {size} bytes; the front door holds at most {ReadmeLimitBytes}: move the detail to a docs/ page");
    }

    [Fact]
    public void Every_relative_link_in_the_readme_and_docs_points_to_an_existing_file()
    {
        var broken = (from page in Pages()
                      from target in new MarkdownDocument(File.ReadAllText(page)).LinkTargets
                      where IsRelative(target)
                      let path = PathOf(page, target)
                      where path is not null && !File.Exists(path) && !Directory.Exists(path)
                      select $"{Relative(page)}: {target}").ToList();
        Assert.Empty(broken);
    }

    [Fact]
    public void Every_anchor_in_a_link_names_a_heading_of_its_target_page()
    {
        var documents = new Dictionary<string, MarkdownDocument>(StringComparer.Ordinal);
        MarkdownDocument Document(string path) =>
            documents.TryGetValue(path, out var document) ? document : documents[path] = new MarkdownDocument(File.ReadAllText(path));

        var broken = new List<string>();
        foreach (var page in Pages())
        {
            foreach (var target in Document(page).LinkTargets.Where(IsRelative))
            {
                var hash = target.IndexOf('#', StringComparison.Ordinal);
                if (hash < 0)
                {
                    continue;
                }

                var path = hash == 0 ? page : PathOf(page, target);
                if (path is null || !path.EndsWith(".md", StringComparison.Ordinal) || !File.Exists(path))
                {
                    continue; // a missing file is the other test's finding
                }

                var anchor = Uri.UnescapeDataString(target[(hash + 1)..]);
                if (!Document(path).Anchors.Contains(anchor))
                {
                    broken.Add($"{Relative(page)}: {target} (no heading of {Relative(path)} has the id \"{anchor}\")");
                }
            }
        }

        Assert.Empty(broken);
    }

    [Fact]
    public void Every_docs_page_is_linked_from_the_readme()
    {
        var readme = Path.Combine(Root, "README.md");
        var linked = new MarkdownDocument(File.ReadAllText(readme)).LinkTargets
            .Where(IsRelative)
            .Select(target => PathOf(readme, target))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var unlinked = Directory.GetFiles(Path.Combine(Root, "docs"), "*.md")
            .Select(Path.GetFullPath)
            .Where(page => !linked.Contains(page))
            .Select(Relative)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Empty(unlinked);
    }

    private static bool IsRelative(string target) =>
        !target.Contains("://", StringComparison.Ordinal) && !target.StartsWith("mailto:", StringComparison.Ordinal);

    /// <summary>The full path a link names from its page (null for a bare "#anchor", which stays on the page).</summary>
    private static string? PathOf(string page, string target)
    {
        var file = target.Split('#', 2)[0];
        return file.Length == 0 ? null : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, Uri.UnescapeDataString(file)));
    }

    private static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');
}
