namespace EcrPublicLambda.Configuration;

/// <summary>Finds and loads the fleet file: <c>--config</c>, else <c>CONFIG_FILE</c>, else <c>clusters.json</c> beside the executable.</summary>
public static class FleetFile
{
    public const string DefaultFileName = "clusters.json";

    public static string Locate(string? configOption, AppEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return configOption
            ?? environment.Get("CONFIG_FILE")
            ?? Path.Combine(environment.Get("LAMBDA_TASK_ROOT") ?? environment.BaseDirectory, DefaultFileName);
    }

    /// <summary>Reads and validates the fleet. A missing or unreadable file is a <see cref="FleetValidationException"/> naming the path.</summary>
    public static Fleet Load(string? configOption, AppEnvironment environment)
    {
        var path = Locate(configOption, environment);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FleetValidationException([$"{path}: cannot read the fleet file ({e.GetType().Name}: {e.Message})"]);
        }

        try
        {
            return FleetParser.Parse(json);
        }
        catch (FleetValidationException e)
        {
            throw new FleetValidationException([.. e.Errors.Select(error => $"{path}: {error}")]);
        }
    }
}
