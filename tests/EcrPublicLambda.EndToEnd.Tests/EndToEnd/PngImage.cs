using System.Buffers.Binary;
using System.IO.Compression;

namespace EcrPublicLambda.Tests.EndToEnd;

/// <summary>
/// The pixels of a PNG as Chromium writes a screenshot (8-bit RGB or RGBA, not interlaced; PNG specification, ISO/IEC
/// 15948 sections 7 to 9: IHDR, the IDAT zlib stream, one filter byte per row: None, Sub, Up, Average, Paeth).
/// </summary>
internal sealed class PngImage
{
    private PngImage(int width, int height, int channels, byte[] pixels) => (Width, Height, Channels, Pixels) = (width, height, channels, pixels);

    internal int Width { get; }

    internal int Height { get; }

    private int Channels { get; }

    private byte[] Pixels { get; }

    internal static PngImage Read(byte[] file)
    {
        ReadOnlySpan<byte> signature = [137, 80, 78, 71, 13, 10, 26, 10];
        Assert.True(file.AsSpan(0, 8).SequenceEqual(signature), "not a PNG file");
        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        for (var at = 8; at < file.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(file, at + 4, 4);
            var data = file.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                Assert.Equal(8, data[8]);
                channels = data[9] switch { 2 => 3, 6 => 4, var other => throw new InvalidDataException($"PNG colour type {other} is not read here") };
                Assert.Equal(0, data[12]);
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }

            at += 12 + length;
        }

        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        var raw = inflated.ToArray();
        var stride = width * channels;
        var pixels = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            var source = raw.AsSpan((y * (stride + 1)) + 1, stride);
            for (var x = 0; x < stride; x++)
            {
                int left = x >= channels ? pixels[(y * stride) + x - channels] : 0;
                int up = y > 0 ? pixels[((y - 1) * stride) + x] : 0;
                int upLeft = x >= channels && y > 0 ? pixels[((y - 1) * stride) + x - channels] : 0;
                var predicted = filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"PNG filter {filter}"),
                };
                pixels[(y * stride) + x] = (byte)(source[x] + predicted);
            }
        }

        return new PngImage(width, height, channels, pixels);
    }

    /// <summary>How many pixels are within <paramref name="tolerance"/> of the colour (each of R, G, B).</summary>
    internal int Count(int red, int green, int blue, int tolerance = 8)
    {
        var count = 0;
        for (var i = 0; i < Pixels.Length; i += Channels)
        {
            if (Math.Abs(Pixels[i] - red) <= tolerance && Math.Abs(Pixels[i + 1] - green) <= tolerance && Math.Abs(Pixels[i + 2] - blue) <= tolerance)
            {
                count++;
            }
        }

        return count;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
