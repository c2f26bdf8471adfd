using EcrPublicLambda.Aws;
using EcrPublicLambda.Common;
using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Hosting.Lambda;

/// <summary>
/// Decides whether the fleet text a <c>CleanRemoved</c> event carries as its old fleet is the one the stack deployed
/// before: its SHA-256 must equal the value of the parameter named by <see cref="DeployedFleet.ParameterVariable"/>,
/// read with SSM GetParameter in the function's region. Only the deployment writes that parameter, so a forged event
/// (or one sent when no deploy is under way, when the parameter already holds the current fleet's digest) is trusted
/// with nothing: every role, endpoint and CA a cleanup uses then comes from the deployment, never from the caller.
/// </summary>
internal sealed class PreviousFleetSource(Func<AwsClients> aws, AppEnvironment environment)
{
    private readonly string? parameterName = environment.Get(DeployedFleet.ParameterVariable);
    private readonly string? region = environment.Get("AWS_REGION") ?? environment.Get("AWS_DEFAULT_REGION");

    internal async Task<PreviousFleet> ReadAsync(string? document, CancellationToken cancellationToken)
    {
        if (document is null)
        {
            return new PreviousFleet(null, "the request carries no previous fleet");
        }

        if (parameterName is null || region is null)
        {
            return new PreviousFleet(null, $"{DeployedFleet.ParameterVariable} (or AWS_REGION) is not set, so no previous fleet can be verified");
        }

        string expected;
        try
        {
            expected = await aws().GetParameterAsync(parameterName, region, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.Code == SsmClient.ParameterNotFound)
        {
            return new PreviousFleet(null, $"parameter {parameterName} does not exist yet (the first update after an upgrade writes it), so the previous fleet cannot be verified");
        }
        catch (Exception e) when (e is AwsServiceException or AwsCredentialsException)
        {
            return new PreviousFleet(null, $"parameter {parameterName} could not be read ({ErrorText.Sanitize(e.Message, 200)}), so the previous fleet cannot be verified");
        }

        if (!string.Equals(expected.Trim(), DeployedFleet.Digest(document), StringComparison.OrdinalIgnoreCase))
        {
            return new PreviousFleet(null, $"the request's previous fleet is not the one deployed (its SHA-256 differs from parameter {parameterName}): no deploy of a fleet change is under way");
        }

        try
        {
            return new PreviousFleet(FleetParser.Parse(document), $"the previous fleet matches parameter {parameterName}");
        }
        catch (FleetValidationException e)
        {
            return new PreviousFleet(null, ErrorText.Truncate($"the deployed previous fleet no longer validates: {string.Join("; ", e.Errors)}", 300));
        }
    }
}
