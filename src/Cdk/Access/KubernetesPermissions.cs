namespace EcrPublicLambda.Cdk.Access;

/// <summary>
/// The one place that says which Kubernetes verbs the function uses, per resource, in each registered namespace: the
/// <c>rbac</c> manifests grant exactly these (on the names the fleet gives), nothing more. A feature that needs
/// another verb adds it here.
/// </summary>
internal static class KubernetesPermissions
{
    /// <summary>
    /// On the pull Secret, by name: server-side apply is a PATCH, authorized as <c>patch</c>, and as <c>create</c>
    /// (on that name) when the Secret does not exist yet; a cleanup reads it (<c>get</c>: is it ours?) and deletes it.
    /// </summary>
    internal static readonly IReadOnlyList<string> SecretVerbs = ["get", "create", "patch", "delete"];

    /// <summary>
    /// Cluster-wide, on the pull Secret's name only: each run of a cluster that chooses namespaces by pattern or label
    /// finds our Secrets in every namespace with one <c>GET /api/v1/secrets?fieldSelector=metadata.name=NAME</c>, so that
    /// it can remove those in namespaces the selection left. RBAC <c>resourceNames</c> authorize that list because
    /// kube-apiserver takes the request's name from an exact <c>metadata.name</c> field selector on list and watch
    /// (<c>staging/src/k8s.io/apiserver/pkg/endpoints/request/requestinfo.go</c>).
    /// </summary>
    internal static readonly IReadOnlyList<string> SecretListVerbs = ["list"];

    /// <summary>On the listed service accounts, by name: read <c>imagePullSecrets</c>, then append with a JSON patch.</summary>
    internal static readonly IReadOnlyList<string> ServiceAccountVerbs = ["get", "patch"];

    /// <summary>
    /// On the run's Lease (<c>coordination.k8s.io</c>, only with <c>reservedConcurrency: none</c>), in the cluster's Lease
    /// namespace, by name: read it, take an expired one over (<c>update</c>), give it back (<c>delete</c>).
    /// </summary>
    internal static readonly IReadOnlyList<string> LeaseVerbs = ["get", "update", "delete"];

    /// <summary>
    /// Creating the Lease: RBAC cannot limit a create to a name (a POST names no object in its URL, so the authorizer
    /// sees no name: apiserver <c>pkg/endpoints/request/requestinfo.go</c>), so this verb is granted on <c>leases</c> in
    /// that one namespace.
    /// </summary>
    internal static readonly IReadOnlyList<string> LeaseCreateVerbs = ["create"];

    /// <summary>
    /// Namespaces where <c>edit-policy</c> is refused: AmazonEKSEditPolicy there reads the cluster's own credentials
    /// and runs pods as its controllers' service accounts, close to cluster admin.
    /// </summary>
    internal static readonly IReadOnlyList<string> SystemNamespaces = ["kube-system", "kube-public", "kube-node-lease"];

    /// <summary>What AmazonEKSEditPolicy lets the role do in each namespace it is scoped to (the synth warning's text).</summary>
    internal const string EditPolicyReach =
        "read and change every Secret (all credentials stored there), create pods, deployments and jobs that run as any "
        + "service account of the namespace, exec into and port-forward to running pods, and change services, config maps "
        + "and persistent volume claims";
}
