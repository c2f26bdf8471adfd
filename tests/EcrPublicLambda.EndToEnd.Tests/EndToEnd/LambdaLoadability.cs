using System.Globalization;

namespace EcrPublicLambda.Tests.EndToEnd;

/// <summary>
/// Will a bootstrap load on Lambda's <c>provided.al2023</c>? Its glibc is 2.34, so no symbol version above that; and
/// only shared libraries the Amazon Linux 2023 minimal image carries: glibc's own, libgcc_s and zlib. No ICU
/// (the image has none; invariant globalization must not need it) and nothing else.
/// </summary>
internal static class LambdaLoadability
{
    internal static readonly Version MaxGlibc = new(2, 34);

    internal static readonly IReadOnlySet<string> AvailableLibraries = new HashSet<string>(StringComparer.Ordinal)
    {
        "libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1",
        "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1",
        "libgcc_s.so.1", "libz.so.1",
    };

    /// <summary>Everything that would stop <paramref name="image"/> from loading there; empty when it loads.</summary>
    internal static IReadOnlyList<string> Problems(ElfImage image)
    {
        var problems = new List<string>();
        foreach (var library in image.Needed.Where(library => !AvailableLibraries.Contains(library)))
        {
            problems.Add(library.StartsWith("libicu", StringComparison.Ordinal)
                ? $"needs {library}: ICU is not on provided.al2023 (publish with InvariantGlobalization)"
                : $"needs {library}, which the Amazon Linux 2023 minimal image does not have");
        }

        foreach (var (library, version) in image.RequiredVersions.Where(v => v.Version.StartsWith("GLIBC_", StringComparison.Ordinal)))
        {
            if (Version.TryParse(version["GLIBC_".Length..], out var glibc) && glibc > MaxGlibc)
            {
                problems.Add($"needs {version} of {library}; Amazon Linux 2023 has glibc {MaxGlibc.ToString(2)}");
            }
        }

        return problems;
    }

    /// <summary>The highest GLIBC_ version required (a test prints it), or null.</summary>
    internal static Version? HighestGlibc(ElfImage image) => image.RequiredVersions
        .Select(v => v.Version)
        .Where(v => v.StartsWith("GLIBC_", StringComparison.Ordinal))
        .Select(v => Version.TryParse(v["GLIBC_".Length..], out var parsed) ? parsed : null)
        .Max();

    internal static string Describe(ElfImage image) => string.Create(
        CultureInfo.InvariantCulture, $"needs [{string.Join(", ", image.Needed)}], highest {HighestGlibc(image)}");
}
