using System.Globalization;
using System.Text.RegularExpressions;

namespace EcrPublicLambda.Fakes;

/// <summary>
/// The fake API server's own reading of a <c>labelSelector</c> query (deliberately not the production parser): the
/// selector is cut at the commas outside parentheses and each requirement is read with one pattern. It takes what
/// the API server takes (<c>=</c>, <c>==</c>, <c>!=</c>, <c>in</c>, <c>notin</c>, existence, <c>!</c>, and the
/// numeric <c>&gt;</c>/<c>&lt;</c>), validates keys and values like it, and throws a 400 BadRequest otherwise.
/// </summary>
internal sealed partial class FakeLabelSelector
{
    private readonly List<Func<IReadOnlyDictionary<string, string>, bool>> requirements = [];

    private FakeLabelSelector()
    {
    }

    /// <summary>The selector of a list request; an empty or absent one selects everything.</summary>
    internal static FakeLabelSelector Parse(string? text)
    {
        var selector = new FakeLabelSelector();
        if (string.IsNullOrWhiteSpace(text))
        {
            return selector;
        }

        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (text[i] == ',' && depth == 0)
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }

        parts.Add(text[start..]);
        foreach (var part in parts)
        {
            selector.requirements.Add(Requirement(part.Trim()));
        }

        return selector;
    }

    internal bool Matches(IReadOnlyDictionary<string, string> labels) => requirements.All(requirement => requirement(labels));

    private static Func<IReadOnlyDictionary<string, string>, bool> Requirement(string text)
    {
        if (text.Length == 0)
        {
            throw Bad("found '', expected: identifier after ','");
        }

        if (NotExists().Match(text) is { Success: true } notExists)
        {
            var key = Key(notExists.Groups["key"].Value);
            return labels => !labels.ContainsKey(key);
        }

        if (Set().Match(text) is { Success: true } set)
        {
            var key = Key(set.Groups["key"].Value);
            var values = set.Groups["values"].Value.Split(',').Select(v => Value(v.Trim())).ToHashSet(StringComparer.Ordinal);
            if (set.Groups["values"].Value.Trim().Length == 0)
            {
                throw Bad("unable to parse requirement: values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty");
            }

            return set.Groups["op"].Value == "in"
                ? labels => labels.TryGetValue(key, out var v) && values.Contains(v)
                : labels => !labels.TryGetValue(key, out var v) || !values.Contains(v);
        }

        if (Compare().Match(text) is { Success: true } compare)
        {
            var key = Key(compare.Groups["key"].Value);
            var value = Value(compare.Groups["value"].Value);
            switch (compare.Groups["op"].Value)
            {
                case "=" or "==":
                    return labels => labels.TryGetValue(key, out var v) && v == value;
                case "!=":
                    return labels => !labels.TryGetValue(key, out var v) || v != value;
                default:
                    if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var bound))
                    {
                        throw Bad($"unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer");
                    }

                    var greater = compare.Groups["op"].Value == ">";
                    return labels => labels.TryGetValue(key, out var v)
                        && long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
                        && (greater ? n > bound : n < bound);
            }
        }

        if (Exists().Match(text) is { Success: true } exists)
        {
            var key = Key(exists.Groups["key"].Value);
            return labels => labels.ContainsKey(key);
        }

        throw Bad($"unable to parse requirement: found '{text}', expected: a valid requirement");
    }

    private static string Key(string key)
    {
        var slash = key.LastIndexOf('/');
        var name = key[(slash + 1)..];
        var prefix = slash < 0 ? null : key[..slash];
        if (name.Length is 0 or > 63 || !QualifiedName().IsMatch(name)
            || (prefix is not null && (prefix.Length is 0 or > 253 || !Subdomain().IsMatch(prefix))))
        {
            throw Bad($"unable to parse requirement: key: Invalid value: \"{key}\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
        }

        return key;
    }

    private static string Value(string value)
    {
        if (value.Length > 63 || (value.Length > 0 && !QualifiedName().IsMatch(value)))
        {
            throw Bad($"unable to parse requirement: values[0][value]: Invalid value: \"{value}\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
        }

        return value;
    }

    private static FakeKubernetesException Bad(string message) => FakeKubernetesStatus.BadRequest(message);

    [GeneratedRegex(@"^!\s*(?<key>[^\s=!<>(),]+)\z")]
    private static partial Regex NotExists();

    [GeneratedRegex(@"^(?<key>[^\s=!<>(),]+)\s+(?<op>in|notin)\s*\((?<values>[^()]*)\)\z")]
    private static partial Regex Set();

    [GeneratedRegex(@"^(?<key>[^\s=!<>(),]+)\s*(?<op>==|=|!=|>|<)\s*(?<value>[^\s=!<>(),]*)\z")]
    private static partial Regex Compare();

    [GeneratedRegex(@"^(?<key>[^\s=!<>(),]+)\z")]
    private static partial Regex Exists();

    [GeneratedRegex(@"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\z")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\z")]
    private static partial Regex Subdomain();
}
