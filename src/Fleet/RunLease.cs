using System.Globalization;

namespace EcrPublicLambda.Configuration;

/// <summary>
/// The contract between the deployment and the function for runs that exclude each other per cluster with a
/// <c>coordination.k8s.io/v1</c> Lease (a deployment without reserved concurrency): the deployment sets
/// <see cref="DurationVariable"/>, and each run then holds, in every cluster it writes to, a Lease named like the pull
/// Secret (<see cref="Name"/>) in the cluster's first namespace given by exact name (<see cref="Namespace"/>).
/// </summary>
public static class RunLease
{
    /// <summary>The Lease's duration in seconds; set: runs take the Lease, unset: they do not.</summary>
    public const string DurationVariable = "ECR_PUBLIC_LAMBDA_LEASE_SECONDS";

    /// <summary>The longest duration accepted: an hour, well above Lambda's 15-minute limit.</summary>
    public const int MaxDurationSeconds = 3600;

    /// <summary>The Lease's name: the pull Secret's (a Lease is another resource, so the names never collide).</summary>
    public static string Name(Fleet fleet)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        return fleet.SecretName;
    }

    /// <summary>
    /// Where the Lease of <paramref name="cluster"/> lives: its first <c>namespaces</c> entry that is an exact name and
    /// not excluded; null when it has none (patterns or a selector only), and then it cannot take a Lease.
    /// </summary>
    public static string? Namespace(ClusterConfig cluster) => NamespaceSelection.For(cluster).ExactNamespaces.FirstOrDefault();

    /// <summary>
    /// The Lease duration <paramref name="environment"/> asks for, or null (no Lease). Throws <see cref="FormatException"/>
    /// naming the variable when it is set to anything but a whole number of seconds from 1 to <see cref="MaxDurationSeconds"/>.
    /// </summary>
    public static TimeSpan? Duration(AppEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment.Get(DurationVariable) is not { } text)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= MaxDurationSeconds
            ? TimeSpan.FromSeconds(seconds)
            : throw new FormatException($"{DurationVariable}: \"{text}\" is not a lease duration (whole seconds, 1 to {MaxDurationSeconds})");
    }
}
