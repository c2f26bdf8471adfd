using EcrPublicLambda.Configuration;
using EcrPublicLambda.Kubernetes;

namespace EcrPublicLambda.Refresh;

/// <summary>
/// Works one namespace of one cluster: the Secret step, then each service account's step unless the Secret's result
/// blocks them. Asks the budget before each step; a step the deadline cuts short is reported interrupted, one not
/// started for lack of time is reported not started.
/// </summary>
internal static class NamespaceWorker
{
    internal static async Task<NamespaceReport> RunAsync(ClusterConfig cluster, string ns, NamespaceSteps steps, RunBudget budget)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(budget);
        if (budget.TooLate)
        {
            return ReportAssembler.SkippedNamespace(cluster, ns, RunBudget.NotStarted);
        }

        SecretResult result;
        string? error;
        try
        {
            (result, error) = await steps.Secret(ns, budget.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (budget.IsOver)
        {
            return ReportAssembler.SkippedNamespace(cluster, ns, RunBudget.Interrupted);
        }

        var accounts = new List<ServiceAccountReport>(cluster.ServiceAccounts.Count);
        foreach (var name in cluster.ServiceAccounts)
        {
            accounts.Add(await ServiceAccountAsync(ns, name, result, steps, budget).ConfigureAwait(false));
        }

        return new NamespaceReport(new SecretReport(ns, result, error), accounts);
    }

    private static async Task<ServiceAccountReport> ServiceAccountAsync(string ns, string name, SecretResult secret, NamespaceSteps steps, RunBudget budget)
    {
        if (steps.AccountsBlocked(secret) is { } blocked)
        {
            return new ServiceAccountReport(ns, name, ServiceAccountResult.Skipped, blocked);
        }

        if (budget.TooLate)
        {
            return new ServiceAccountReport(ns, name, ServiceAccountResult.Skipped, RunBudget.NotStarted);
        }

        try
        {
            var (result, error) = await steps.ServiceAccount(ns, name, budget.Token).ConfigureAwait(false);
            return new ServiceAccountReport(ns, name, result, error);
        }
        catch (OperationCanceledException) when (budget.IsOver)
        {
            return new ServiceAccountReport(ns, name, ServiceAccountResult.Skipped, RunBudget.Interrupted);
        }
    }
}
