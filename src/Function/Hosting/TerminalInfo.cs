using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Hosting;

/// <summary>
/// What the process writes to: whether stdout and stderr are terminals, whether stdout may be coloured (a terminal,
/// <c>NO_COLOR</c> unset or empty as no-color.org asks, and <c>TERM</c> not <c>dumb</c>), and the stderr writer that
/// keeps a progress line below the log lines (null when stderr is no terminal).
/// </summary>
internal sealed record TerminalInfo(bool OutIsTerminal, bool ErrorIsTerminal, bool Colour, ProgressWriter? Progress)
{
    /// <summary>Nothing is a terminal: pipes, files, Lambda, the tests.</summary>
    internal static readonly TerminalInfo None = new(false, false, false, null);

    internal static bool ColourAllowed(bool outIsTerminal, AppEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return outIsTerminal
            && string.IsNullOrEmpty(environment.Get("NO_COLOR"))
            && !string.Equals(environment.Get("TERM"), "dumb", StringComparison.Ordinal);
    }
}
