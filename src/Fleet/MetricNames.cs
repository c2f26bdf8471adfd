namespace EcrPublicLambda.Configuration;

/// <summary>
/// The CloudWatch metrics the function emits (one Embedded Metric Format line per run). A contract: the CDK alarms
/// watch these names, so the function and the deployment read them from here.
/// </summary>
public static class MetricNames
{
    public const string Namespace = "EcrPublicLambda";
    public const string SecretsWritten = "SecretsWritten";

    /// <summary>Secrets a cleanup run deleted (a cleanup emits no <see cref="RunSucceeded"/>).</summary>
    public const string SecretsDeleted = "SecretsDeleted";
    public const string SecretConflicts = "SecretConflicts";
    public const string SecretFailures = "SecretFailures";
    public const string ServiceAccountFailures = "ServiceAccountFailures";
    public const string ClustersFailed = "ClustersFailed";

    /// <summary>
    /// Clusters a run did not complete (failed or partial), emitted by every run: scheduled, direct, custom resource,
    /// refresh or cleanup. The failed-clusters alarm watches its Sum, since a custom-resource run whose answer reached
    /// CloudFormation ends without a function error.
    /// </summary>
    public const string ClustersIncomplete = "ClustersIncomplete";
    public const string RunSucceeded = "RunSucceeded";
    public const string DurationMs = "DurationMs";

    /// <summary>
    /// A refresh: the age in seconds of the oldest of this tool's Secrets it found before writing (left out when none
    /// was found). Above the alarm's bound, runs are not reaching a namespace in time.
    /// </summary>
    public const string OldestSecretAge = "OldestSecretAge";
}
