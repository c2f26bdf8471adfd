namespace EcrPublicLambda.Refresh;

/// <summary>
/// What became of the run's registry logins: the credential set (<see cref="Logins"/>: at least one registry fetched),
/// a failure (<see cref="Error"/>: every registry failed, and every cluster fails with it), no login at all because the
/// operation writes no password (<see cref="NotNeeded"/>), or the deadline or the caller cut it short
/// (<see cref="CutShort"/>: every cluster is reported not started).
/// </summary>
internal sealed record LoginOutcome
{
    private LoginOutcome(RegistryLogins? logins, string? error, bool needed)
    {
        Logins = logins;
        Error = error;
        Needed = needed;
    }

    internal static LoginOutcome NotNeeded { get; } = new(null, null, needed: false);

    internal static LoginOutcome CutShort { get; } = new(null, null, needed: true);

    internal RegistryLogins? Logins { get; }

    internal string? Error { get; }

    private bool Needed { get; }

    /// <summary>Whether clusters may be written: the credentials are here, or the operation needs none.</summary>
    internal bool AllowsWrites => Logins is not null || !Needed;

    internal static LoginOutcome LoggedIn(RegistryLogins logins) => new(logins, null, needed: true);

    internal static LoginOutcome Failed(string error) => new(null, error, needed: true);
}
