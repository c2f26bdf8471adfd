namespace EcrPublicLambda.Sandbox;

/// <summary>
/// What one sandbox run gave: the bootstrap's outcome, what each namespace held afterwards, and every way the run
/// differed from what the sandbox is built to show (empty: it went as expected).
/// </summary>
internal sealed record SandboxResult(SandboxChildOutcome Refresh, IReadOnlyList<string> Namespaces, IReadOnlyList<string> Problems);
