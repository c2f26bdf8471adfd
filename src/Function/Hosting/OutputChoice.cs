namespace EcrPublicLambda.Hosting;

/// <summary>
/// The <c>-o</c> (<c>--output</c>) option, as kubectl has it: <c>table</c> is the default when stdout is a terminal,
/// <c>json</c> otherwise (a script reading the output keeps getting JSON); <c>html</c> only where a command offers it.
/// </summary>
internal static class OutputChoice
{
    internal const string Short = "-o";
    internal const string Long = "--output";

    internal static OutputFormat From(CliArguments arguments, TerminalInfo terminal, bool htmlAllowed)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(terminal);
        var given = arguments.All(Short).Concat(arguments.All(Long)).ToList();
        if (given.Count > 1)
        {
            throw new CliUsageException("-o/--output is given more than once");
        }

        return given.FirstOrDefault() switch
        {
            null => terminal.OutIsTerminal ? OutputFormat.Table : OutputFormat.Json,
            "table" => OutputFormat.Table,
            "json" => OutputFormat.Json,
            "html" when htmlAllowed => OutputFormat.Html,
            var other => throw new CliUsageException(
                $"-o: unknown output \"{TextTable.Safe(other.Length > 32 ? other[..32] + "..." : other)}\" (expected {(htmlAllowed ? "table, json or html" : "table or json")})"),
        };
    }
}
