namespace EcrPublicLambda.Configuration;

/// <summary>Parses and validates the cluster registry (SPEC "The cluster registry"). One implementation for the function, the CLI and the CDK app.</summary>
internal static class RegistryParser
{
    /// <summary>Parses a registry document. Throws <see cref="RegistryValidationException"/> with all errors at once.</summary>
    internal static Registry Parse(string json)
    {
        // Placeholder until the validation work lands (issue 2).
        _ = json;
        throw new RegistryValidationException(["$: registry parsing is not built yet"]);
    }
}
