using System.Text;
using System.Text.RegularExpressions;

namespace EcrPublicLambda.Tests.Docs;

/// <summary>
/// What a link check needs from one Markdown page: the anchors GitHub gives its headings and the targets of its links.
/// Headings and links inside fenced code blocks are neither; inline code spans are not links.
/// </summary>
internal sealed partial class MarkdownDocument(string text)
{
    public IReadOnlySet<string> Anchors { get; } = ReadAnchors(text);

    public IReadOnlyList<string> LinkTargets { get; } = ReadLinkTargets(text);

    /// <summary>
    /// GitHub's heading ids (github/html-pipeline, lib/html/pipeline/toc_filter.rb, TableOfContentsFilter): the
    /// heading's text in lower case, every character that is not a word character (letter, mark, digit, connector
    /// punctuation), a '-' or a space removed, each space made a '-'; a repeated id gets "-1", "-2", ... in order.
    /// </summary>
    public static string AnchorOf(string headingText)
    {
        var builder = new StringBuilder(headingText.Length);
        foreach (var character in headingText.ToLowerInvariant())
        {
            if (character == ' ')
            {
                builder.Append('-');
            }
            else if (character == '-' || IsWordCharacter(character))
            {
                builder.Append(character);
            }
        }

        return builder.ToString();
    }

    private static bool IsWordCharacter(char character) =>
        char.IsLetterOrDigit(character)
        || char.GetUnicodeCategory(character) is System.Globalization.UnicodeCategory.NonSpacingMark
            or System.Globalization.UnicodeCategory.SpacingCombiningMark
            or System.Globalization.UnicodeCategory.EnclosingMark
            or System.Globalization.UnicodeCategory.ConnectorPunctuation
            or System.Globalization.UnicodeCategory.LetterNumber;

    private static HashSet<string> ReadAnchors(string text)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in OutsideFences(text))
        {
            var heading = Heading().Match(line);
            if (!heading.Success)
            {
                continue;
            }

            // The id comes from the rendered text: code spans keep their content, emphasis and link syntax go.
            var rendered = LinkSyntax().Replace(heading.Groups["text"].Value, "${label}").Replace("`", string.Empty, StringComparison.Ordinal);
            var anchor = AnchorOf(rendered);
            if (seen.TryGetValue(anchor, out var count))
            {
                seen[anchor] = count + 1;
                anchor = $"{anchor}-{count + 1}";
            }
            else
            {
                seen[anchor] = 0;
            }

            anchors.Add(anchor);
        }

        return anchors;
    }

    private static List<string> ReadLinkTargets(string text)
    {
        var prose = string.Join('\n', OutsideFences(text).Select(line => CodeSpan().Replace(line, string.Empty)));
        return [.. LinkTarget().Matches(prose).Select(match => match.Groups["target"].Value)];
    }

    private static IEnumerable<string> OutsideFences(string text)
    {
        var inFence = false;
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                inFence = !inFence;
                continue;
            }

            if (!inFence)
            {
                yield return line.TrimEnd('\r');
            }
        }
    }

    [GeneratedRegex(@"^ {0,3}#{1,6}[ \t]+(?<text>.*?)(?:[ \t]+#+)?[ \t]*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"\[(?<label>[^\]]*)\]\([^)]*\)")]
    private static partial Regex LinkSyntax();

    [GeneratedRegex(@"`[^`]*`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex LinkTarget();
}
