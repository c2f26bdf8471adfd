using System.Text.RegularExpressions;

namespace EcrPublicLambda.Configuration;

/// <summary>
/// Parses the text form of a Kubernetes label selector with the grammar and validation of the API server's own parser:
/// comma-separated requirements <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>, <c>k in (a,b)</c>, <c>k notin (a,b)</c>,
/// <c>k</c>, <c>!k</c>, whitespace between tokens ignored; a key is a qualified name (optional DNS-subdomain prefix
/// and '/', then a name of at most 63 characters), a value is empty or at most 63 characters of the same set.
/// <c>&gt;</c> and <c>&lt;</c> (numeric comparisons) are refused: namespaces are not selected that way here.
/// Problems are <see cref="FormatException"/>s whose message says what is wrong, without the selector itself.
/// </summary>
internal sealed partial class LabelSelectorParser(string text)
{
    private const string End = "end";
    private const string Identifier = "identifier";
    private const int MaxNameLength = 63;
    private const int MaxPrefixLength = 253;

    private int position;

    internal List<LabelRequirement> Parse()
    {
        var requirements = new List<LabelRequirement>();
        while (true)
        {
            var (kind, literal) = Peek(values: false);
            if (kind == End)
            {
                return requirements;
            }

            if (kind is not (Identifier or "!"))
            {
                throw new FormatException($"found {Show(kind, literal)}, expected: '!', a label key or the end");
            }

            requirements.Add(ParseRequirement());
            (kind, literal) = Next(values: false);
            if (kind == End)
            {
                return requirements;
            }

            if (kind != ",")
            {
                throw new FormatException($"found {Show(kind, literal)}, expected: ',' or the end");
            }

            (kind, literal) = Peek(values: false);
            if (kind is not (Identifier or "!"))
            {
                throw new FormatException($"found {Show(kind, literal)}, expected: a requirement after ','");
            }
        }
    }

    private LabelRequirement ParseRequirement()
    {
        var negated = false;
        if (Peek(values: false).Kind == "!")
        {
            Next(values: false);
            negated = true;
        }

        var (kind, key) = Next(values: false);
        if (kind != Identifier)
        {
            throw new FormatException($"found {Show(kind, key)}, expected: a label key");
        }

        CheckKey(key);
        if (negated)
        {
            return new LabelRequirement(key, LabelOperator.DoesNotExist, []);
        }

        var (next, _) = Peek(values: false);
        if (next is End or ",")
        {
            return new LabelRequirement(key, LabelOperator.Exists, []);
        }

        var (op, opText) = Next(values: false);
        switch (op)
        {
            case "=" or "==" or "!=":
                var value = ParseExactValue();
                return new LabelRequirement(key, op == "!=" ? LabelOperator.NotEquals : LabelOperator.Equals, [value]);
            case "in" or "notin":
                var values = ParseValueList();
                if (values.Count == 0)
                {
                    throw new FormatException($"key {Quote(key)}: the values of '{op}' cannot be empty");
                }

                return new LabelRequirement(key, op == "in" ? LabelOperator.In : LabelOperator.NotIn, values);
            case ">" or "<":
                throw new FormatException($"key {Quote(key)}: the operator '{op}' is not supported (use =, ==, !=, in, notin, a key alone or !key)");
            default:
                throw new FormatException($"found {Show(op, opText)} after key {Quote(key)}, expected: =, ==, !=, in or notin");
        }
    }

    private string ParseExactValue()
    {
        var (kind, _) = Peek(values: true);
        if (kind is End or ",")
        {
            return string.Empty;
        }

        var (next, literal) = Next(values: true);
        if (next != Identifier)
        {
            throw new FormatException($"found {Show(next, literal)}, expected: a value");
        }

        CheckValue(literal);
        return literal;
    }

    private List<string> ParseValueList()
    {
        var (open, openText) = Next(values: false);
        if (open != "(")
        {
            throw new FormatException($"found {Show(open, openText)}, expected: '('");
        }

        var values = new SortedSet<string>(StringComparer.Ordinal);
        if (Peek(values: true).Kind == ")")
        {
            Next(values: true);
            return [];
        }

        var expectValue = true;
        while (true)
        {
            var (kind, literal) = Next(values: true);
            switch (kind)
            {
                case Identifier when expectValue:
                    CheckValue(literal);
                    values.Add(literal);
                    expectValue = false;
                    break;
                case ",":
                    if (expectValue)
                    {
                        values.Add(string.Empty); // "(,a)" and "(a,,b)" hold the empty value, as in Kubernetes
                    }

                    expectValue = true;
                    break;
                case ")":
                    if (expectValue)
                    {
                        values.Add(string.Empty); // "(a,)"
                    }

                    return [.. values];
                default:
                    throw new FormatException($"found {Show(kind, literal)}, expected: {(expectValue ? "a value, ',' or ')'" : "',' or ')'")}");
            }
        }
    }

    private static void CheckKey(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var name = slash < 0 ? key : key[(slash + 1)..];
        if (slash >= 0)
        {
            var prefix = key[..slash];
            if (prefix.Length == 0 || prefix.Length > MaxPrefixLength || !DnsSubdomain().IsMatch(prefix))
            {
                throw new FormatException($"key {Quote(key)}: the prefix must be a DNS subdomain (at most 253 characters of a-z, 0-9, '-' and '.', each part starting and ending with a letter or digit)");
            }

            if (name.Contains('/', StringComparison.Ordinal))
            {
                throw new FormatException($"key {Quote(key)}: a key has at most one '/' (prefix/name)");
            }
        }

        if (name.Length == 0 || name.Length > MaxNameLength || !LabelName().IsMatch(name))
        {
            throw new FormatException($"key {Quote(key)}: the name must be 1-63 characters of A-Z, a-z, 0-9, '-', '_' and '.', starting and ending with a letter or digit");
        }
    }

    private static void CheckValue(string value)
    {
        if (value.Length > MaxNameLength || !LabelName().IsMatch(value))
        {
            throw new FormatException($"value {Quote(value)}: a label value must be empty or at most 63 characters of A-Z, a-z, 0-9, '-', '_' and '.', starting and ending with a letter or digit");
        }
    }

    private (string Kind, string Text) Peek(bool values)
    {
        var saved = position;
        var token = Next(values);
        position = saved;
        return token;
    }

    /// <summary>The next token. In a value position the words <c>in</c> and <c>notin</c> are plain values.</summary>
    private (string Kind, string Text) Next(bool values)
    {
        while (position < text.Length && text[position] is ' ' or '\t' or '\r' or '\n')
        {
            position++;
        }

        if (position == text.Length)
        {
            return (End, string.Empty);
        }

        var c = text[position];
        if (c is '!' or '=')
        {
            var two = position + 1 < text.Length && text[position + 1] == '=';
            position += two ? 2 : 1;
            return two ? (c == '!' ? "!=" : "==", c == '!' ? "!=" : "==") : (c.ToString(), c.ToString());
        }

        if (c is '(' or ')' or ',' or '>' or '<')
        {
            position++;
            return (c.ToString(), c.ToString());
        }

        var start = position;
        while (position < text.Length && text[position] is not (' ' or '\t' or '\r' or '\n' or '!' or '=' or '(' or ')' or ',' or '>' or '<'))
        {
            position++;
        }

        var word = text[start..position];
        return !values && word is "in" or "notin" ? (word, word) : (Identifier, word);
    }

    private static string Show(string kind, string literal) =>
        kind == End ? "the end" : kind == Identifier ? Quote(literal) : $"'{literal}'";

    private static string Quote(string value) => JsonPath.Quote(value);

    // \z, not $: in .NET, $ also matches before a final newline.
    [GeneratedRegex(@"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex LabelName();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex DnsSubdomain();
}
