namespace EcrPublicLambda.Tests.EndToEnd;

/// <summary>How a child process ended: its exit code and everything it wrote, stdout and stderr apart.</summary>
internal sealed record ProcessOutcome(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>The last lines of both streams, for a failure message.</summary>
    internal string Tail(int lines = 40) =>
        string.Join('\n', $"{StandardOutput}\n{StandardError}".Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(lines));
}
