using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Hosting.Lambda;

/// <summary>
/// A CloudFormation custom-resource request, read: what to do (<see cref="RequestType"/>, <see cref="Action"/>), the
/// registries it is about, and what the answer must echo. <see cref="ResponseUrl"/> is a presigned S3 URL, a credential:
/// it is used once, for the answer, and never printed (not even by <see cref="ToString"/>).
/// </summary>
internal sealed record CustomResourceEvent(
    string RequestType,
    Uri ResponseUrl,
    string StackId,
    string RequestId,
    string LogicalResourceId,
    string? PhysicalResourceId,
    string Action,
    Fleet Fleet,
    Fleet? OldFleet)
{
    internal const string Create = "Create";
    internal const string Update = "Update";
    internal const string Delete = "Delete";

    /// <summary>The main stack's resource: on Update, cleans what the old fleet had and the new one lacks.</summary>
    internal const string CleanRemoved = "CleanRemoved";

    /// <summary>The final stack's resource: refreshes every cluster on Create and Update, cleans every namespace on Delete.</summary>
    internal const string Lifecycle = "Lifecycle";

    /// <summary>The id to answer with: the one CloudFormation knows (a different one would make it delete this resource), else a new one.</summary>
    internal string AnswerPhysicalResourceId => PhysicalResourceId ?? $"{LogicalResourceId}-{Action}";

    public override string ToString() => $"CustomResourceEvent {RequestType} {LogicalResourceId} ({Action}) in {StackId}";
}
