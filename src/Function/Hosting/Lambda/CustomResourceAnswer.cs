using System.Text;
using System.Text.Json;
using EcrPublicLambda.Common;

namespace EcrPublicLambda.Hosting.Lambda;

/// <summary>
/// The bytes of a custom-resource answer, within what CloudFormation takes: the whole JSON body at most
/// <see cref="MaxBytes"/> UTF-8 bytes ("the response body size is limited to 4096 bytes", CloudFormation User Guide,
/// custom resource response objects). The Reason gives way: it is cut on a character boundary (never inside a surrogate
/// pair, see <see cref="ErrorText.Truncate"/>) to the longest text that fits, ending in <c>...</c>. Any lone surrogate becomes U+FFFD first: UTF-8 cannot
/// carry it.
/// </summary>
internal static class CustomResourceAnswer
{
    internal const int MaxBytes = 4096;

    /// <summary>The response as sent (its Reason cut to fit) and its JSON bytes.</summary>
    internal static (CustomResourceResponse Response, byte[] Json) Encode(CustomResourceResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response = response with
        {
            Reason = Scrub(response.Reason),
            PhysicalResourceId = Scrub(response.PhysicalResourceId),
            StackId = Scrub(response.StackId),
            RequestId = Scrub(response.RequestId),
            LogicalResourceId = Scrub(response.LogicalResourceId),
        };
        var whole = Serialize(response);
        if (whole.Length <= MaxBytes)
        {
            return (response, whole);
        }

        // The longest Reason (in characters, cut by ErrorText.Truncate) whose answer fits: the size grows with the length.
        var reason = response.Reason;
        var (fits, tooLong) = (0, reason.Length);
        var best = Serialize(response with { Reason = ErrorText.Truncate(reason, 0) });
        while (tooLong - fits > 1)
        {
            var middle = fits + ((tooLong - fits) / 2);
            var candidate = Serialize(response with { Reason = ErrorText.Truncate(reason, middle) });
            if (candidate.Length <= MaxBytes)
            {
                (fits, best) = (middle, candidate);
            }
            else
            {
                tooLong = middle;
            }
        }

        return (response with { Reason = ErrorText.Truncate(reason, fits) }, best);
    }

    /// <summary>
    /// Whether any answer to <paramref name="reply"/> fits: the ids it must echo (scrubbed as sent) with an empty Reason
    /// and no Data, at most <see cref="MaxBytes"/>. CloudFormation's own ids never come near (a logical id is at most 255
    /// characters, a physical id at most 1 KB, custom resource response objects); only a forged request fails this.
    /// </summary>
    internal static bool Fits(CustomResourceReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var least = new CustomResourceResponse(
            CustomResourceResponse.Failed,
            string.Empty,
            Scrub(reply.PhysicalResourceId ?? reply.LogicalResourceId),
            Scrub(reply.StackId),
            Scrub(reply.RequestId),
            Scrub(reply.LogicalResourceId),
            NoEcho: false,
            new Dictionary<string, string>(StringComparer.Ordinal));
        return Serialize(least).Length <= MaxBytes;
    }

    /// <summary>Every lone surrogate replaced by U+FFFD; pairs kept.</summary>
    internal static string Scrub(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        StringBuilder? clean = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var paired = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (paired)
            {
                clean?.Append(c).Append(text[i + 1]);
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                clean ??= new StringBuilder(text, 0, i, text.Length);
                clean.Append('\uFFFD');
            }
            else
            {
                clean?.Append(c);
            }
        }

        return clean?.ToString() ?? text;
    }

    private static byte[] Serialize(CustomResourceResponse response) =>
        JsonSerializer.SerializeToUtf8Bytes(response, JsonContext.Relaxed.CustomResourceResponse);
}
