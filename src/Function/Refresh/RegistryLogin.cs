using EcrPublicLambda.Aws;
using EcrPublicLambda.Configuration;
using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Refresh;

/// <summary>
/// The run's registry logins, when its operation needs them: every registry the selected clusters receive, fetched once
/// (<see cref="RegistryLogins"/>). When every one failed the run's budget stops, so the clusters waiting on the logins
/// stop too; a registry that failed alone is kept as its error for the clusters that receive it. The passwords stay
/// inside the credential set.
/// </summary>
internal sealed class RegistryLogin(AwsClients aws, ILogger logger)
{
    internal Task<LoginOutcome> StartAsync(RunOperation operation, Fleet fleet, IReadOnlyList<ClusterConfig> clusters, RunBudget budget) =>
        operation.NeedsRegistryLogin ? LogInAsync(fleet, clusters, budget) : Task.FromResult(LoginOutcome.NotNeeded);

    private async Task<LoginOutcome> LogInAsync(Fleet fleet, IReadOnlyList<ClusterConfig> clusters, RunBudget budget)
    {
        try
        {
            var wanted = clusters.SelectMany(fleet.RegistriesFor).Select(registry => registry.Name).ToHashSet(StringComparer.Ordinal);
            var logins = await RegistryLogins.FetchAsync(aws, [.. fleet.Registries.Where(r => wanted.Contains(r.Name))], logger, budget.Token).ConfigureAwait(false);
            if (logins.AllFailedError is { } error)
            {
                logger.RegistryLoginFailed(error);
                await budget.StopAsync().ConfigureAwait(false);
                return LoginOutcome.Failed(error);
            }

            return LoginOutcome.LoggedIn(logins);
        }
        catch (OperationCanceledException) when (budget.IsOver)
        {
            // The deadline (or the caller) cut the logins short: every cluster is reported as not started.
            return LoginOutcome.CutShort;
        }
    }
}
