using EcrPublicLambda.Aws;
using EcrPublicLambda.Common;
using EcrPublicLambda.Kubernetes;
using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Refresh;

/// <summary>
/// The run's one ECR Public login, when its operation needs one. A failure stops the run's budget, so the clusters
/// waiting on the login stop too; the password stays inside <see cref="DockerConfigSecret"/>.
/// </summary>
internal sealed class RegistryLogin(AwsClients aws, ILogger logger)
{
    internal Task<LoginOutcome> StartAsync(RunOperation operation, RunBudget budget) =>
        operation.NeedsRegistryLogin ? LogInAsync(budget) : Task.FromResult(LoginOutcome.NotNeeded);

    private async Task<LoginOutcome> LogInAsync(RunBudget budget)
    {
        try
        {
            var login = await aws.GetEcrPublicTokenAsync(budget.Token).ConfigureAwait(false);
            return LoginOutcome.LoggedIn(new DockerConfigSecret(login.Password, login.ExpiresAt));
        }
        catch (Exception e) when (e is AwsServiceException or AwsCredentialsException or HttpRequestException or FormatException or ArgumentException)
        {
            var error = $"ECR Public GetAuthorizationToken failed, so no cluster was written: {ErrorText.Sanitize(e.Message, 512)}";
            logger.RegistryLoginFailed(error);
            await budget.StopAsync().ConfigureAwait(false);
            return LoginOutcome.Failed(error);
        }
        catch (OperationCanceledException) when (budget.IsOver)
        {
            // The deadline (or the caller) cut the login short: every cluster is reported as not started.
            return LoginOutcome.CutShort;
        }
    }
}
