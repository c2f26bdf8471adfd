namespace EcrPublicLambda.Hosting;

/// <summary>A command line that cannot be run; the message names what is wrong.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
