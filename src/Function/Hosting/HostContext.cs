using EcrPublicLambda.Configuration;
using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Hosting;

/// <summary>
/// What the composed app hands to a command or the Lambda host: the I/O seams, read once. <see cref="Terminal"/> null:
/// nothing is a terminal (<see cref="TerminalInfo.None"/>).
/// </summary>
internal sealed record HostContext(
    AppEnvironment Environment,
    TextWriter Out,
    TextWriter Error,
    HttpClient Http,
    TimeProvider Clock,
    ILogger Logger,
    CancellationToken CancellationToken,
    TerminalInfo? Terminal = null);
