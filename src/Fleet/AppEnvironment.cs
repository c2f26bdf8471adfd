using System.Collections;

namespace EcrPublicLambda.Configuration;

/// <summary>The process environment, read once where the app is composed. Tests build one from a dictionary.</summary>
public sealed class AppEnvironment(IReadOnlyDictionary<string, string> variables, string baseDirectory)
{
    /// <summary>The directory of the executable (where <c>clusters.json</c> is looked for).</summary>
    public string BaseDirectory { get; } = baseDirectory;

    public string? Get(string name) =>
        variables.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    public static AppEnvironment FromProcess()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value)
            {
                variables[key] = value;
            }
        }

        return new AppEnvironment(variables, AppContext.BaseDirectory);
    }
}
