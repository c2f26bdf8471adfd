using System.Text.Encodings.Web;
using System.Text.Json;

namespace EcrPublicLambda.Configuration;

/// <summary>Formats JSON paths (<c>clusters[1].namespaces[0]</c>) and quoted values for fleet error messages.</summary>
public static class JsonPath
{
    /// <summary>The path of the document itself, used when no field can be named.</summary>
    public const string Root = "$";

    private const int MaxQuotedLength = 64;

    /// <summary>The path of field <paramref name="name"/> under <paramref name="parent"/> (empty for the top level).</summary>
    public static string Property(string parent, string name)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(name);
        if (IsPlainName(name))
        {
            return parent.Length == 0 ? name : $"{parent}.{name}";
        }

        return $"{(parent.Length == 0 ? Root : parent)}[{Quote(name, int.MaxValue)}]";
    }

    public static string Index(string parent, int index) => $"{parent}[{index}]";

    /// <summary>A value as a JSON string literal, cut to a readable length. Use only for identifiers, never for secrets.</summary>
    public static string Quote(string value) => Quote(value, MaxQuotedLength);

    private static string Quote(string value, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(value);
        var shown = value.Length > maxLength ? value[..maxLength] : value;
        var suffix = value.Length > maxLength ? "..." : string.Empty;
        return $"\"{JsonEncodedText.Encode(shown, JavaScriptEncoder.UnsafeRelaxedJsonEscaping)}{suffix}\"";
    }

    private static bool IsPlainName(string name) =>
        name.Length > 0
        && (char.IsAsciiLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
