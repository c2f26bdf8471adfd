using System.Globalization;

namespace EcrPublicLambda.Benchmark;

/// <summary>What the figures were measured on: CPUs (as <c>nproc</c> and <c>lscpu</c> name them), memory and load.</summary>
internal static class MachineInfo
{
    internal static string Describe()
    {
        var model = ReadField("/proc/cpuinfo", "model name") ?? "unknown CPU";
        var memory = ReadField("/proc/meminfo", "MemTotal") is { } total && long.TryParse(total.Split(' ')[0], CultureInfo.InvariantCulture, out var kb)
            ? string.Create(CultureInfo.InvariantCulture, $"{kb / 1024.0 / 1024.0:0.0} GiB RAM")
            : "unknown RAM";
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
        return string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} CPUs ({model}), {memory}, load average at start {load}, {Environment.OSVersion}");
    }

    private static string? ReadField(string file, string name)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        return File.ReadLines(file)
            .Where(line => line.StartsWith(name, StringComparison.Ordinal) && line.Contains(':', StringComparison.Ordinal))
            .Select(line => line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())
            .FirstOrDefault();
    }
}
