namespace EcrPublicLambda.Hosting.Lambda;

/// <summary>
/// Where and how to answer a custom-resource request, read even from a request that is otherwise malformed: the
/// presigned URL (never printed) and the ids the answer echoes. <see cref="IsDelete"/>: a Delete is always answered
/// SUCCESS, or a stack could never be deleted.
/// </summary>
internal sealed record CustomResourceReply(Uri ResponseUrl, string StackId, string RequestId, string LogicalResourceId, string? PhysicalResourceId, bool IsDelete)
{
    public override string ToString() => $"CustomResourceReply {LogicalResourceId} in {StackId}";
}
