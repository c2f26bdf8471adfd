using EcrPublicLambda.Aws;
using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Hosting;

/// <summary>
/// What the fleet commands share: how a command loads the fleet (an invalid one is logged and every error written to
/// stderr, one a line), checks its <c>--cluster</c> names, and makes its AWS clients.
/// </summary>
internal static class CommandCatalog
{
    /// <summary>The fleet, or null when it is invalid (the errors are written; the command exits <see cref="ExitCodes.BadInput"/>).</summary>
    internal static async Task<Fleet?> LoadAsync(string? configOption, HostContext context)
    {
        try
        {
            return FleetFile.Load(configOption, context.Environment);
        }
        catch (FleetValidationException e)
        {
            context.Logger.InvalidFleet(e.Errors.Count);
            foreach (var error in e.Errors)
            {
                await context.Error.WriteLineAsync(error).ConfigureAwait(false);
            }

            return null;
        }
    }

    /// <summary>The <c>--cluster</c> names, each once; a name the fleet lacks is a usage error naming the fleet's clusters.</summary>
    internal static List<string> SelectedClusters(CliArguments arguments, Fleet fleet)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(fleet);
        var names = arguments.All("--cluster").Distinct(StringComparer.Ordinal).ToList();
        var unknown = names.Where(name => !fleet.HasCluster(name)).ToList();
        if (unknown.Count > 0)
        {
            throw new CliUsageException(
                $"--cluster: {string.Join(", ", unknown.Select(name => $"\"{name}\""))} not in the fleet " +
                $"(it has: {fleet.DescribeClusterNames()})");
        }

        return names;
    }

    /// <summary>How many clusters a run over <paramref name="names"/> (none: all) works on: the total of its progress line.</summary>
    internal static int ClusterCount(Fleet fleet, IReadOnlyCollection<string> names)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(names);
        return names.Count == 0 ? fleet.Clusters.Count : fleet.Clusters.Count(cluster => names.Contains(cluster.Name));
    }

    /// <summary>The AWS clients of a command; a bad <c>AWS_ENDPOINT_URL*</c> is a usage error.</summary>
    internal static AwsClients AwsClients(HostContext context)
    {
        try
        {
            return new AwsClients(context.Environment, context.Http, context.Clock, context.Logger);
        }
        catch (FormatException e)
        {
            throw new CliUsageException(e.Message);
        }
    }
}
