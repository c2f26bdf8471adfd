namespace EcrPublicLambda.Sandbox;

/// <summary>How the bootstrap child ended: its exit code, its stdout (the report) and its stderr (the JSON log lines).</summary>
internal sealed record SandboxChildOutcome(int ExitCode, string StandardOutput, string StandardError);
