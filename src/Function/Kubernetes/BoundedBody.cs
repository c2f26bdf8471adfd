using System.Buffers;

namespace EcrPublicLambda.Kubernetes;

/// <summary>
/// Reads an answer's body with a cap enforced while reading: a declared <c>Content-Length</c> over the cap is refused
/// before a byte is read, and a body without one (chunked, or an HTTP/2 stream with no length) is read in small pieces
/// and given up the moment it passes the cap. Nothing is buffered beyond the cap plus one piece.
/// </summary>
internal static class BoundedBody
{
    private const int PieceBytes = 16 * 1024;

    /// <summary>
    /// The body (empty when <paramref name="keep"/> is false: read and dropped), or null when it is longer than
    /// <paramref name="limit"/> bytes.
    /// </summary>
    internal static async Task<byte[]?> ReadAsync(HttpContent content, int limit, bool keep, CancellationToken cancellationToken)
    {
        var declared = content.Headers.ContentLength;
        if (declared > limit)
        {
            return null;
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var piece = ArrayPool<byte>.Shared.Rent(PieceBytes);
            try
            {
                using var kept = keep ? new MemoryStream((int)(declared ?? 0)) : null;
                long total = 0;
                int read;
                while ((read = await stream.ReadAsync(piece.AsMemory(0, PieceBytes), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    total += read;
                    if (total > limit)
                    {
                        return null;
                    }

                    kept?.Write(piece, 0, read);
                }

                return kept is null ? [] : kept.ToArray();
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(piece);
            }
        }
    }
}
