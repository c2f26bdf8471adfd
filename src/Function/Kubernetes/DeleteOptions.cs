namespace EcrPublicLambda.Kubernetes;

/// <summary>
/// The body of a DELETE: <c>DeleteOptions</c> with preconditions, so the API server deletes the object only while it
/// is still the one that was read (same uid, same resourceVersion) and answers 409 Conflict otherwise.
/// </summary>
internal sealed record DeleteOptions(string Kind, string ApiVersion, DeletePreconditions Preconditions)
{
    internal static DeleteOptions For(string uid, string resourceVersion) =>
        new("DeleteOptions", "v1", new DeletePreconditions(uid, resourceVersion));
}
