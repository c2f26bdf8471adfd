namespace EcrPublicLambda.Configuration;

/// <summary>Finds and loads the registry file: <c>--config</c>, else <c>CONFIG_FILE</c>, else <c>clusters.json</c> beside the executable.</summary>
public static class RegistryFile
{
    public const string DefaultFileName = "clusters.json";

    public static string Locate(string? configOption, AppEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return configOption
            ?? environment.Get("CONFIG_FILE")
            ?? Path.Combine(environment.Get("LAMBDA_TASK_ROOT") ?? environment.BaseDirectory, DefaultFileName);
    }

    /// <summary>Reads and validates the registry. A missing or unreadable file is a <see cref="RegistryValidationException"/> naming the path.</summary>
    public static Registry Load(string? configOption, AppEnvironment environment)
    {
        var path = Locate(configOption, environment);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RegistryValidationException([$"{path}: cannot read the registry file ({e.GetType().Name}: {e.Message})"]);
        }

        try
        {
            return RegistryParser.Parse(json);
        }
        catch (RegistryValidationException e)
        {
            throw new RegistryValidationException([.. e.Errors.Select(error => $"{path}: {error}")]);
        }
    }
}
