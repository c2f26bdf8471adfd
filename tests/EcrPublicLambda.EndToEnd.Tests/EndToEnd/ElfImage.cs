using System.Buffers.Binary;
using System.Text;

namespace EcrPublicLambda.Tests.EndToEnd;

/// <summary>
/// What the dynamic loader needs from a 64-bit little-endian ELF executable, read from its section headers: the CPU
/// (<c>e_machine</c>), the shared libraries (<c>DT_NEEDED</c> of <c>.dynamic</c>) and the symbol versions it requires
/// of each (<c>.gnu.version_r</c>, e.g. <c>GLIBC_2.34</c> of <c>libc.so.6</c>). Stripping keeps all three.
/// </summary>
internal sealed record ElfImage(ushort Machine, IReadOnlyList<string> Needed, IReadOnlyList<(string Library, string Version)> RequiredVersions)
{
    internal const ushort X86_64 = 0x3E;
    internal const ushort Aarch64 = 0xB7;

    private const uint DynamicSection = 6;
    private const uint VersionNeedSection = 0x6ffffffe;
    private const long NeededTag = 1;

    internal static ElfImage Read(string path)
    {
        var elf = File.ReadAllBytes(path);
        if (elf.Length < 64 || !elf.AsSpan(0, 4).SequenceEqual("\u007fELF"u8) || elf[4] != 2 || elf[5] != 1)
        {
            throw new InvalidDataException($"{path} is not a 64-bit little-endian ELF file");
        }

        var machine = U16(elf, 18);
        var sectionTable = (int)U64(elf, 40);
        var sectionSize = U16(elf, 58);
        var sectionCount = U16(elf, 60);
        var sections = Enumerable.Range(0, sectionCount)
            .Select(i => sectionTable + (i * sectionSize))
            .Select(at => (Type: U32(elf, at + 4), Offset: (int)U64(elf, at + 24), Size: (int)U64(elf, at + 32), Link: (int)U32(elf, at + 40), Info: (int)U32(elf, at + 44)))
            .ToList();
        string Text(int stringSection, long offset)
        {
            var start = sections[stringSection].Offset + (int)offset;
            return Encoding.ASCII.GetString(elf, start, Array.IndexOf(elf, (byte)0, start) - start);
        }

        var needed = new List<string>();
        foreach (var dynamic in sections.Where(s => s.Type == DynamicSection))
        {
            for (var at = dynamic.Offset; at + 16 <= dynamic.Offset + dynamic.Size; at += 16)
            {
                if ((long)U64(elf, at) == NeededTag)
                {
                    needed.Add(Text(dynamic.Link, (long)U64(elf, at + 8)));
                }
            }
        }

        var versions = new List<(string, string)>();
        foreach (var need in sections.Where(s => s.Type == VersionNeedSection))
        {
            var entry = need.Offset;
            for (var i = 0; i < need.Info; i++)
            {
                var library = Text(need.Link, U32(elf, entry + 4));
                var aux = entry + (int)U32(elf, entry + 8);
                for (var j = 0; j < U16(elf, entry + 2); j++)
                {
                    versions.Add((library, Text(need.Link, U32(elf, aux + 8))));
                    aux += (int)U32(elf, aux + 12);
                }

                entry += (int)U32(elf, entry + 12);
            }
        }

        return new ElfImage(machine, needed, versions);
    }

    private static ushort U16(byte[] bytes, int at) => BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at));

    private static uint U32(byte[] bytes, int at) => BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at));

    private static ulong U64(byte[] bytes, int at) => BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(at));
}
