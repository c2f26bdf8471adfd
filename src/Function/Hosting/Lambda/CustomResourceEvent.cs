namespace EcrPublicLambda.Hosting.Lambda;

/// <summary>
/// A CloudFormation custom-resource request, read: what to do (<see cref="RequestType"/>, <see cref="Action"/>) and
/// what the answer must echo. It never says where to write: Lifecycle runs over the deployed fleet (<c>clusters.json</c>),
/// and <see cref="OldFleetDocument"/> (a CleanRemoved Update's previous fleet, as text) is used only once
/// <see cref="PreviousFleetSource"/> has found it to be the fleet the stack deployed before. <see cref="ResponseUrl"/> is a presigned S3 URL, a credential:
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
    string? OldFleetDocument)
{
    internal const string Create = "Create";
    internal const string Update = "Update";
    internal const string Delete = "Delete";

    /// <summary>The main stack's resource: on Update, cleans what the verified previous fleet had and the deployed one lacks.</summary>
    internal const string CleanRemoved = "CleanRemoved";

    /// <summary>The final stack's resource: refreshes the deployed fleet on Create and Update, cleans it on Delete.</summary>
    internal const string Lifecycle = "Lifecycle";

    /// <summary>The id to answer with: the one CloudFormation knows (a different one would make it delete this resource), else a new one.</summary>
    internal string AnswerPhysicalResourceId => PhysicalResourceId ?? $"{LogicalResourceId}-{Action}";

    public override string ToString() => $"CustomResourceEvent {RequestType} {LogicalResourceId} ({Action}) in {StackId}";
}
