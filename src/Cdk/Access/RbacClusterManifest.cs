using System.Text;
using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Cdk.Access;

/// <summary>
/// The <c>rbac</c> manifest of a cluster that chooses namespaces by pattern or label: its namespaces are only known at
/// run time, so one ClusterRole + ClusterRoleBinding grants the cluster-scoped <c>list</c> on <c>namespaces</c> and,
/// in every namespace, the same by-name rights as the per-namespace Roles: the Secret and the listed service accounts
/// by name (<c>resourceNames</c>), and the cluster-wide <c>list</c> of Secrets of that one name (the sweep of namespaces
/// that left the selection: <see cref="KubernetesPermissions.SecretListVerbs"/>), nothing else. The least that works when the namespaces cannot be known at deploy time.
/// </summary>
internal static class RbacClusterManifest
{
    internal static string Render(ClusterConfig cluster, string secretName, string subjects)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(secretName);
        var yaml = new StringBuilder();
        yaml.Append($"""
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: {RbacManifest.RoleName}
              labels:
                app.kubernetes.io/part-of: ecr-public-lambda
            rules:
              # Each run lists the namespaces once to resolve the fleet's patterns and namespaceSelector.
              - apiGroups: [""]
                resources: ["namespaces"]
                verbs: ["list"]
              # ...and lists the Secrets of this one name in every namespace (fieldSelector=metadata.name={secretName}),
              # to remove ours where a namespace no longer matches.
              - apiGroups: [""]
                resources: ["secrets"]
                resourceNames: ["{secretName}"]
                verbs: [{RbacManifest.Quoted(KubernetesPermissions.SecretListVerbs)}]

            """);
        yaml.Append(RbacManifest.Rules(cluster, secretName));
        yaml.Append($"""
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata:
              name: {RbacManifest.RoleName}
              labels:
                app.kubernetes.io/part-of: ecr-public-lambda
            roleRef:
              apiGroup: rbac.authorization.k8s.io
              kind: ClusterRole
              name: {RbacManifest.RoleName}
            subjects:

            """);
        return yaml.Append(subjects).ToString();
    }
}
