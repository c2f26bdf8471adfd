namespace EcrPublicLambda.Kubernetes;

/// <summary>The <c>preconditions</c> of a <see cref="DeleteOptions"/>: the uid and resourceVersion of the object as read.</summary>
internal sealed record DeletePreconditions(string Uid, string ResourceVersion);
