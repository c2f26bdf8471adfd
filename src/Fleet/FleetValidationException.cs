namespace EcrPublicLambda.Configuration;

/// <summary>Bad fleet input. <see cref="Errors"/> holds every problem found, each starting with its JSON path.</summary>
public sealed class FleetValidationException(IReadOnlyList<string> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
