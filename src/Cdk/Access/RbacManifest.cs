using System.Text;
using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Cdk.Access;

/// <summary>
/// The Kubernetes RBAC for access mode <c>rbac</c>: per namespace, a Role allowing only what the function does (the
/// Secret by name; the listed service accounts by name) and a RoleBinding to <see cref="KubernetesGroup"/>, the group
/// the access entry puts the function's role in. A <c>kubernetes</c> cluster (no access entry) is onboarded by the same
/// manifest: it also creates the function's ServiceAccount (<see cref="ServiceAccountName"/>, in the deployment's
/// <c>onboardingNamespace</c>), and the bindings name that ServiceAccount (a token's user
/// <c>system:serviceaccount:NS:NAME</c>) beside the group (a client certificate with <c>O=ecr-public-lambda</c>).
/// </summary>
internal static class RbacManifest
{
    internal const string KubernetesGroup = "ecr-public-lambda";
    internal const string RoleName = "ecr-public-lambda";
    internal const string ServiceAccountName = "ecr-public-lambda";

    /// <summary>Where the onboarding manifest of a <c>kubernetes</c> cluster puts <see cref="ServiceAccountName"/> unless the context says otherwise.</summary>
    internal const string DefaultOnboardingNamespace = "ecr-public-lambda";

    /// <summary>File name beside the template; name and region, as clusters of one name may live in several regions.</summary>
    internal static string FileName(ClusterConfig cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return $"rbac-{cluster.Name}-{cluster.Region}.yaml";
    }

    /// <summary>The name of the Role and RoleBinding that grant the run's Lease (<c>reservedConcurrency: none</c>).</summary>
    internal const string LeaseRoleName = "ecr-public-lambda-lease";

    /// <summary>
    /// The manifest for one cluster. Access mode <c>rbac</c>: a Role and a RoleBinding in each namespace the cluster
    /// names exactly and does not exclude (an excluded name gets nothing), or the cluster-wide rules of
    /// <see cref="RbacClusterManifest"/> for patterns and selectors. With <paramref name="lease"/> (no reserved
    /// concurrency), in either access mode, the Lease's own Role and RoleBinding (<see cref="RenderLease"/>): for
    /// <c>edit-policy</c> that is the whole manifest, as AmazonEKSEditPolicy grants nothing on leases. A <c>kubernetes</c>
    /// cluster has no access entry: its manifest is its onboarding (its ServiceAccount and the rbac rules) in either mode.
    /// </summary>
    internal static string Render(
        ClusterConfig cluster, string secretName, AccessMode mode = AccessMode.Rbac, bool lease = false,
        string onboardingNamespace = DefaultOnboardingNamespace)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(secretName);
        var yaml = new StringBuilder();
        yaml.Append("# RBAC for ecr-public-lambda in cluster ").Append(cluster.Name).Append(" (").Append(cluster.Region).Append(")\n");
        yaml.Append("# Apply with: kubectl apply -f ").Append(FileName(cluster)).Append('\n');
        var subjects = Subjects(cluster, onboardingNamespace);
        if (cluster.Kind == ClusterKind.Kubernetes)
        {
            yaml.Append("# Then store a token of ServiceAccount ").Append(onboardingNamespace).Append('/').Append(ServiceAccountName)
                .Append(" (or a client certificate with O=").Append(KubernetesGroup).Append(") in ").Append(cluster.CredentialsSecretName)
                .Append(": see docs/kubernetes-clusters.md\n");
            yaml.Append($"""
                ---
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: {onboardingNamespace}
                ---
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: {ServiceAccountName}
                  namespace: {onboardingNamespace}
                  labels:
                    app.kubernetes.io/part-of: ecr-public-lambda

                """);
        }

        if (lease)
        {
            yaml.Append(RenderLease(cluster, secretName, subjects));
        }

        if (mode != AccessMode.Rbac && cluster.Kind != ClusterKind.Kubernetes)
        {
            return yaml.ToString();
        }

        var selection = NamespaceSelection.For(cluster);
        if (selection.NeedsNamespaceList)
        {
            return yaml.Append(RbacClusterManifest.Render(cluster, secretName, subjects)).ToString();
        }

        foreach (var ns in selection.ExactNamespaces)
        {
            yaml.Append(RoleHeader(RoleName, ns)).Append(Rules(cluster, secretName)).Append(RoleBinding(RoleName, ns, subjects));
        }

        return yaml.ToString();
    }

    /// <summary>
    /// Who the bindings name: the group the access entry (EKS) or the client certificate's O (kubernetes) puts the
    /// function in, and for a kubernetes cluster its ServiceAccount, whose token authenticates as
    /// <c>system:serviceaccount:NS:NAME</c>.
    /// </summary>
    internal static string Subjects(ClusterConfig cluster, string onboardingNamespace)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var subjects = new StringBuilder($"""
              - apiGroup: rbac.authorization.k8s.io
                kind: Group
                name: {KubernetesGroup}

            """);
        if (cluster.Kind == ClusterKind.Kubernetes)
        {
            subjects.Append($"""
                  - kind: ServiceAccount
                    name: {ServiceAccountName}
                    namespace: {onboardingNamespace}

                """);
        }

        return subjects.ToString();
    }

    /// <summary>The rules of the Role (and ClusterRole): the Secret by name; the listed service accounts by name, if any.</summary>
    internal static string Rules(ClusterConfig cluster, string secretName)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var rules = new StringBuilder($"""
              # Server-side apply writes the Secret by name (PATCH); creating it that way is authorized as "create" on that name.
              # A cleanup reads it ("get") and deletes it ("delete") when it is this tool's.
              - apiGroups: [""]
                resources: ["secrets"]
                resourceNames: ["{secretName}"]
                verbs: [{Quoted(KubernetesPermissions.SecretVerbs)}]

            """);
        if (cluster.ServiceAccounts.Count > 0)
        {
            rules.Append($"""
                  - apiGroups: [""]
                    resources: ["serviceaccounts"]
                    resourceNames: [{Quoted(cluster.ServiceAccounts)}]
                    verbs: [{Quoted(KubernetesPermissions.ServiceAccountVerbs)}]

                """);
        }

        return rules.ToString();
    }

    /// <summary>
    /// The run's Lease (named like the Secret) in the cluster's Lease namespace (<see cref="RunLease.Namespace"/>): a
    /// Role with <c>create</c> on leases there (RBAC cannot name what is created) and the Lease's own verbs on its name,
    /// and a RoleBinding to <see cref="KubernetesGroup"/>. Empty when the cluster has no Lease namespace (synth refuses that).
    /// </summary>
    internal static string RenderLease(ClusterConfig cluster, string secretName, string subjects)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        if (RunLease.Namespace(cluster) is not { } ns)
        {
            return string.Empty;
        }

        return RoleHeader(LeaseRoleName, ns) + $"""
              # Runs exclude each other in this cluster by holding the Lease "{secretName}" here (reservedConcurrency: none).
              - apiGroups: ["coordination.k8s.io"]
                resources: ["leases"]
                verbs: [{Quoted(KubernetesPermissions.LeaseCreateVerbs)}]
              - apiGroups: ["coordination.k8s.io"]
                resources: ["leases"]
                resourceNames: ["{secretName}"]
                verbs: [{Quoted(KubernetesPermissions.LeaseVerbs)}]

            """ + RoleBinding(LeaseRoleName, ns, subjects);
    }

    /// <summary>A namespaced Role's header, up to its <c>rules:</c> key.</summary>
    private static string RoleHeader(string name, string ns) => $"""
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: {name}
          namespace: {ns}
          labels:
            app.kubernetes.io/part-of: ecr-public-lambda
        rules:

        """;

    /// <summary>The RoleBinding of Role <paramref name="name"/> in <paramref name="ns"/> to <paramref name="subjects"/> (<see cref="Subjects"/>).</summary>
    private static string RoleBinding(string name, string ns, string subjects) => $"""
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata:
          name: {name}
          namespace: {ns}
          labels:
            app.kubernetes.io/part-of: ecr-public-lambda
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: Role
          name: {name}
        subjects:

        """ + subjects;

    internal static string Quoted(IEnumerable<string> values) => string.Join(", ", values.Select(value => $"\"{value}\""));
}
