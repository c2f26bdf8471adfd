using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Hosting;

/// <summary>`bootstrap validate [--config FILE]`: loads and validates the registry; never touches the network.</summary>
internal static class ValidateCommand
{
    private static readonly HashSet<string> ValueOptions = new(["--config"], StringComparer.Ordinal);
    private static readonly HashSet<string> FlagOptions = new(StringComparer.Ordinal);

    /// <summary>On success a one-line summary on stdout and exit 0; else every error on its own stderr line and exit 2.</summary>
    internal static async Task<int> RunAsync(string[] args, HostContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var arguments = CliArguments.Parse(args, ValueOptions, FlagOptions);
        var configOption = arguments.Single("--config");
        if (await CommandRegistry.LoadAsync(configOption, context).ConfigureAwait(false) is not { } registry)
        {
            return ExitCodes.BadInput;
        }

        await context.Out.WriteLineAsync(Summary(registry, RegistryFile.Locate(configOption, context.Environment))).ConfigureAwait(false);
        foreach (var line in NamespaceListNotes(registry))
        {
            await context.Out.WriteLineAsync(line).ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    internal static string Summary(Registry registry, string path)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var namespaces = registry.Clusters.Sum(cluster => cluster.Namespaces.Count);
        var serviceAccounts = registry.Clusters.Sum(cluster => cluster.Namespaces.Count * cluster.ServiceAccounts.Count);
        var adopt = registry.AdoptExisting ? ", adopting existing Secrets" : string.Empty;
        return $"ok: {Count(registry.Clusters.Count, "cluster")}, {Count(namespaces, "namespace")}, "
            + $"{Count(serviceAccounts, "service account")}, secret {JsonPath.Quote(registry.SecretName)}{adopt} ({path})";
    }

    /// <summary>One line per cluster whose namespaces are chosen by pattern or label: each run lists its namespaces first.</summary>
    internal static IEnumerable<string> NamespaceListNotes(Registry registry) =>
        registry.Clusters
            .Where(cluster => NamespaceSelection.For(cluster).NeedsNamespaceList)
            .Select(cluster => $"cluster {JsonPath.Quote(cluster.Name)} ({cluster.Region}) needs a namespace list: each run lists its namespaces"
                + (cluster.NamespaceSelector is { } selector ? $" with labelSelector {JsonPath.Quote(selector.ToString())}" : string.Empty)
                + " (a cluster-scoped \"list\" on \"namespaces\")");

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
