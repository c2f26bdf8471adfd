using System.Text;
using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Cdk;

/// <summary>
/// The Kubernetes RBAC for access mode <c>rbac</c>: per namespace, a Role allowing only what the function does (the
/// Secret by name; the listed service accounts by name) and a RoleBinding to <see cref="KubernetesGroup"/>, the group
/// the access entry puts the function's role in.
/// </summary>
internal static class RbacManifest
{
    internal const string KubernetesGroup = "ecr-public-lambda";
    internal const string RoleName = "ecr-public-lambda";

    /// <summary>File name beside the template; name and region, as clusters of one name may live in several regions.</summary>
    internal static string FileName(ClusterConfig cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return $"rbac-{cluster.Name}-{cluster.Region}.yaml";
    }

    /// <summary>The manifest for one cluster: a Role and a RoleBinding in each registered namespace.</summary>
    internal static string Render(ClusterConfig cluster, string secretName)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(secretName);
        var yaml = new StringBuilder();
        yaml.Append("# RBAC for ecr-public-lambda in cluster ").Append(cluster.Name).Append(" (").Append(cluster.Region).Append(")\n");
        yaml.Append("# Apply with: kubectl apply -f ").Append(FileName(cluster)).Append('\n');
        if (NamespaceSelection.For(cluster).NeedsNamespaceList)
        {
            return yaml.Append(RbacClusterManifest.Render(cluster, secretName)).ToString();
        }

        foreach (var ns in cluster.Namespaces)
        {
            yaml.Append($"""
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata:
                  name: {RoleName}
                  namespace: {ns}
                  labels:
                    app.kubernetes.io/part-of: ecr-public-lambda
                rules:

                """);
            yaml.Append(Rules(cluster, secretName));
            yaml.Append($"""
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata:
                  name: {RoleName}
                  namespace: {ns}
                  labels:
                    app.kubernetes.io/part-of: ecr-public-lambda
                roleRef:
                  apiGroup: rbac.authorization.k8s.io
                  kind: Role
                  name: {RoleName}
                subjects:
                  - apiGroup: rbac.authorization.k8s.io
                    kind: Group
                    name: {KubernetesGroup}

                """);
        }

        return yaml.ToString();
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

    internal static string Quoted(IEnumerable<string> values) => string.Join(", ", values.Select(value => $"\"{value}\""));
}
