namespace EcrPublicLambda.Configuration;

/// <summary>Bad registry input. <see cref="Errors"/> holds every problem found, each starting with its JSON path.</summary>
public sealed class RegistryValidationException(IReadOnlyList<string> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
