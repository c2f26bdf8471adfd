namespace EcrPublicLambda.Cdk.Access;

/// <summary>How the function's role is mapped into a cluster (context <c>accessMode</c>).</summary>
internal enum AccessMode
{
    /// <summary><c>edit-policy</c>: the access entry carries AmazonEKSEditPolicy scoped to the registered namespaces.</summary>
    EditPolicy,

    /// <summary><c>rbac</c>: the access entry only names a Kubernetes group; a Role/RoleBinding per namespace grants the rest.</summary>
    Rbac,
}
