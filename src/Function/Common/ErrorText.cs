using System.Text;
using System.Text.RegularExpressions;

namespace EcrPublicLambda.Common;

/// <summary>
/// Makes an exception message fit to leave the process (invocation error, log line): one line, bounded, and with
/// anything shaped like a credential (EKS bearer tokens, Authorization values, password/auth/token fields,
/// presigned-URL signatures) replaced by <see cref="Redaction.Marker"/>. A last line of defence, not a licence to put secrets in messages.
/// </summary>
internal static partial class ErrorText
{
    internal const int DefaultMaxLength = 1024;

    internal static string Sanitize(string? text, int maxLength = DefaultMaxLength)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "(no message)";
        }

        var line = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = line.Length > 0;
                continue;
            }

            if (space)
            {
                line.Append(' ');
                space = false;
            }

            line.Append(c);
        }

        var clean = EksToken().Replace(line.ToString(), "k8s-aws-v1." + Redaction.Marker);
        clean = AuthorizationValue().Replace(clean, "$1 " + Redaction.Marker);
        clean = QueryCredential().Replace(clean, "$1" + Redaction.Marker);
        clean = SecretField().Replace(clean, "$1" + Redaction.Marker);
        return Truncate(clean, maxLength);
    }

    /// <summary>
    /// The one way text is cut to a bound: at most <paramref name="maxLength"/> characters, ending in <c>...</c> when
    /// cut, never between the two halves of a surrogate pair (a lone half is no character UTF-8 can carry).
    /// </summary>
    internal static string Truncate(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= maxLength)
        {
            return text;
        }

        var keep = Math.Max(0, maxLength - 3);
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }

        return string.Concat(text.AsSpan(0, keep), "...");
    }

    [GeneratedRegex(@"k8s-aws-v1\.[A-Za-z0-9_\-=]+")]
    private static partial Regex EksToken();

    [GeneratedRegex(@"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=\-]{8,}")]
    private static partial Regex AuthorizationValue();

    [GeneratedRegex(@"(?i)\b(X-Amz-(?:Security-Token|Signature|Credential)=)[^&\s""']+")]
    private static partial Regex QueryCredential();

    // A quoted value runs to its closing quote, or to the end of a text that was cut inside it.
    [GeneratedRegex(@"(?i)(""?(?:\.dockerconfigjson|\b(?:password|auth|token|signature|secret[_-]?access[_-]?key|session[_-]?token|aws_secret_access_key|aws_session_token))""?\s*[:=]\s*)(""(?:[^""\\]|\\.)*(?:""|$)|[^\s,;&""}]+)")]
    private static partial Regex SecretField();
}
