using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Hosting;

/// <summary>How a command loads the fleet: an invalid one is logged and every error written to stderr, one a line.</summary>
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
}
