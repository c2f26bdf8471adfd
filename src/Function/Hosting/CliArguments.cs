namespace EcrPublicLambda.Hosting;

/// <summary>A parsed command line: the command word and its <c>--option value</c> pairs (options may repeat) and flags.</summary>
internal sealed class CliArguments
{
    private readonly Dictionary<string, List<string>> values = new(StringComparer.Ordinal);
    private readonly HashSet<string> flags = new(StringComparer.Ordinal);

    private CliArguments(string command) => Command = command;

    internal string Command { get; }

    internal IReadOnlyList<string> All(string option) =>
        values.TryGetValue(option, out var list) ? list : [];

    internal string? Single(string option) => All(option) is [.., var last] ? last : null;

    internal bool Has(string flag) => flags.Contains(flag);

    /// <summary>
    /// Parses <paramref name="args"/> for a command whose value options and flags are given.
    /// Throws <see cref="CliUsageException"/> naming the offending argument.
    /// </summary>
    internal static CliArguments Parse(string[] args, IReadOnlySet<string> valueOptions, IReadOnlySet<string> flagOptions)
    {
        ArgumentNullException.ThrowIfNull(args);
        var parsed = new CliArguments(args.Length > 0 ? args[0] : string.Empty);
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? arg[..equals] : arg;
            if (flagOptions.Contains(name) && equals < 0)
            {
                parsed.flags.Add(name);
            }
            else if (valueOptions.Contains(name))
            {
                string value;
                if (equals > 0)
                {
                    value = arg[(equals + 1)..];
                }
                else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    value = args[++i];
                }
                else
                {
                    throw new CliUsageException($"{name} needs a value");
                }

                if (value.Length == 0)
                {
                    throw new CliUsageException($"{name} needs a value");
                }

                if (!parsed.values.TryGetValue(name, out var list))
                {
                    parsed.values[name] = list = [];
                }

                list.Add(value);
            }
            else
            {
                throw new CliUsageException($"unknown argument \"{arg}\" for \"{parsed.Command}\"");
            }
        }

        return parsed;
    }
}
