using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Hosting;

/// <summary>`bootstrap validate [--config FILE]`: loads and validates the fleet; never touches the network.</summary>
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
        if (await CommandCatalog.LoadAsync(configOption, context).ConfigureAwait(false) is not { } fleet)
        {
            return ExitCodes.BadInput;
        }

        await context.Out.WriteLineAsync(Summary(fleet, FleetFile.Locate(configOption, context.Environment))).ConfigureAwait(false);
        foreach (var line in NamespaceListNotes(fleet))
        {
            await context.Out.WriteLineAsync(line).ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    internal static string Summary(Fleet fleet, string path)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        var namespaces = fleet.Clusters.Sum(cluster => cluster.Namespaces.Count);
        var serviceAccounts = fleet.Clusters.Sum(cluster => cluster.Namespaces.Count * cluster.ServiceAccounts.Count);
        var adopt = fleet.AdoptExisting ? ", adopting existing Secrets" : string.Empty;
        var instance = fleet.Instance == Fleet.DefaultInstance ? string.Empty : $", instance {JsonPath.Quote(fleet.Instance)}";
        return $"ok: {Count(fleet.Clusters.Count, "cluster")}, {Count(namespaces, "namespace")}, "
            + $"{Count(serviceAccounts, "service account")}, secret {JsonPath.Quote(fleet.SecretName)}{adopt}{instance} ({path})";
    }

    /// <summary>
    /// One line per cluster whose namespaces are chosen by pattern or label: each run lists its namespaces first, and the
    /// Secrets of its name in every namespace (the sweep of namespaces that left the selection).
    /// </summary>
    internal static IEnumerable<string> NamespaceListNotes(Fleet fleet) =>
        fleet.Clusters
            .Where(cluster => NamespaceSelection.For(cluster).NeedsNamespaceList)
            .Select(cluster => $"cluster {JsonPath.Quote(cluster.Name)} ({cluster.Region}) needs a namespace list: each run lists its namespaces"
                + (cluster.NamespaceSelector is { } selector ? $" with labelSelector {JsonPath.Quote(selector.ToString())}" : string.Empty)
                + $" (a cluster-scoped \"list\" on \"namespaces\"), and the Secrets named {JsonPath.Quote(fleet.SecretName)} in every namespace"
                + " to remove ours where a namespace no longer matches (a cluster-scoped \"list\" on \"secrets\" of that name)");

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
