using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Hosting;

/// <summary>How a command loads the registry: an invalid one is logged and every error written to stderr, one a line.</summary>
internal static class CommandRegistry
{
    /// <summary>The registry, or null when it is invalid (the errors are written; the command exits <see cref="ExitCodes.BadInput"/>).</summary>
    internal static async Task<Registry?> LoadAsync(string? configOption, HostContext context)
    {
        try
        {
            return RegistryFile.Load(configOption, context.Environment);
        }
        catch (RegistryValidationException e)
        {
            context.Logger.InvalidRegistry(e.Errors.Count);
            foreach (var error in e.Errors)
            {
                await context.Error.WriteLineAsync(error).ConfigureAwait(false);
            }

            return null;
        }
    }
}
