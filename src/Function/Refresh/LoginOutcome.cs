using EcrPublicLambda.Kubernetes;

namespace EcrPublicLambda.Refresh;

/// <summary>
/// What became of the run's registry login: the password (<see cref="Password"/>), a failure (<see cref="Error"/>: every
/// cluster fails with it), no login at all because the operation writes no password (<see cref="NotNeeded"/>), or
/// the deadline or the caller cut it short (<see cref="CutShort"/>: every cluster is reported not started).
/// </summary>
internal sealed record LoginOutcome
{
    private LoginOutcome(DockerConfigSecret? password, string? error, bool needed)
    {
        Password = password;
        Error = error;
        Needed = needed;
    }

    internal static LoginOutcome NotNeeded { get; } = new(null, null, needed: false);

    internal static LoginOutcome CutShort { get; } = new(null, null, needed: true);

    internal DockerConfigSecret? Password { get; }

    internal string? Error { get; }

    private bool Needed { get; }

    /// <summary>Whether clusters may be written: the password is here, or the operation needs none.</summary>
    internal bool AllowsWrites => Password is not null || !Needed;

    internal static LoginOutcome LoggedIn(DockerConfigSecret password) => new(password, null, needed: true);

    internal static LoginOutcome Failed(string error) => new(null, error, needed: true);
}
