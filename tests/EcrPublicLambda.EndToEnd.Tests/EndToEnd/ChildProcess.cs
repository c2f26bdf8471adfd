using System.ComponentModel;
using System.Diagnostics;
using Xunit.Sdk;

namespace EcrPublicLambda.Tests.EndToEnd;

/// <summary>
/// Runs a program to its end with a hard timeout, capturing stdout and stderr; on timeout the whole process tree is killed.
/// With <c>environment</c>, the child gets those variables and no <c>AWS_*</c> variable of this process.
/// </summary>
internal static class ChildProcess
{
    internal static async Task<ProcessOutcome> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        TimeSpan timeout,
        string whatIsMissing,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (environment is not null)
        {
            // Only the given AWS settings: none of this machine's own (profile, region, keys) may reach the child.
            foreach (var inherited in start.Environment.Keys.Where(key => key.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
            {
                start.Environment.Remove(inherited);
            }

            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new XunitException($"cannot run `{fileName}` ({e.Message}): {whatIsMissing}");
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var expiry = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(expiry.Token);
            await Task.WhenAll(stdout, stderr).WaitAsync(expiry.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            var partial = new ProcessOutcome(-1, Finished(stdout), Finished(stderr));
            throw new XunitException($"`{fileName} {string.Join(' ', start.ArgumentList)}` did not finish within {timeout.TotalSeconds:0} s and was killed; its last output:\n{partial.Tail()}");
        }

        return new ProcessOutcome(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>What a stream gave, if it has ended (a grandchild may still hold it open).</summary>
    private static string Finished(Task<string> read) => read.IsCompletedSuccessfully ? read.Result : "(stream still open)";
}
