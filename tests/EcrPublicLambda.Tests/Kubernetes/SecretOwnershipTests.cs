using System.Text.Json;
using EcrPublicLambda.Kubernetes;
using k8s.Models;

namespace EcrPublicLambda.Tests.Kubernetes;

/// <summary>What makes a Secret this tool's to delete, judged from its metadata as a real API server returns it.</summary>
public sealed class SecretOwnershipTests
{
    private const string Ours = """{"f:data":{"f:.dockerconfigjson":{}},"f:metadata":{"f:annotations":{"f:ecr-public-lambda/expires-at":{}},"f:labels":{"f:app.kubernetes.io/managed-by":{}}},"f:type":{}}""";

    private static V1ObjectMeta Metadata(bool labelled, params (string Manager, string FieldsV1)[] entries) => new()
    {
        Name = "ecr-public-token",
        Labels = labelled ? new Dictionary<string, string> { [KubernetesCluster.ManagedByLabel] = KubernetesCluster.FieldManager } : null,
        ManagedFields = [.. entries.Select(e => new V1ManagedFieldsEntry
        {
            Manager = e.Manager,
            Operation = "Apply",
            FieldsType = "FieldsV1",
            FieldsV1 = JsonDocument.Parse(e.FieldsV1).RootElement.Clone(),
        })],
    };

    [Fact]
    public void Our_label_and_our_manager_owning_the_data_is_ours()
    {
        Assert.Null(SecretOwnership.WhyNotOurs(Metadata(true, (KubernetesCluster.FieldManager, Ours)), "default"));
    }

    [Fact]
    public void Another_manager_owning_only_the_map_itself_or_other_fields_does_not_make_it_theirs()
    {
        // After a takeover (adoptExisting), the former owner may keep the data map's "." and the type.
        Assert.Null(SecretOwnership.WhyNotOurs(Metadata(true,
            (KubernetesCluster.FieldManager, Ours),
            ("kubectl-create", """{"f:data":{".":{}},"f:type":{}}""")), "default"));
    }

    [Theory]
    [InlineData(false, "is not labelled app.kubernetes.io/managed-by=ecr-public-lambda")]
    [InlineData(true, "has no data owned by the field manager ecr-public-lambda")]
    public void A_label_without_our_data_or_our_data_without_the_label_is_not_ours(bool labelled, string why)
    {
        var metadata = labelled
            ? Metadata(true, (KubernetesCluster.FieldManager, """{"f:metadata":{"f:labels":{"f:app.kubernetes.io/managed-by":{}}}}"""))
            : Metadata(false, (KubernetesCluster.FieldManager, Ours));

        Assert.Equal(why, SecretOwnership.WhyNotOurs(metadata, "default"));
    }

    [Fact]
    public void No_managed_fields_at_all_is_not_ours()
    {
        Assert.Equal("has no data owned by the field manager ecr-public-lambda", SecretOwnership.WhyNotOurs(Metadata(true), "default"));
    }

    [Fact]
    public void Any_other_manager_owning_a_data_key_makes_it_not_ours_and_is_named()
    {
        var metadata = Metadata(true,
            (KubernetesCluster.FieldManager, Ours),
            ("kubectl-edit", """{"f:data":{".":{},"f:extra":{}}}"""),
            ("argocd-controller", """{"f:data":{"f:.dockerconfigjson":{}}}"""));

        Assert.Equal("has data owned by another field manager (argocd-controller, kubectl-edit)", SecretOwnership.WhyNotOurs(metadata, "default"));
    }

    [Fact]
    public void A_secret_of_ours_without_the_instance_label_is_the_default_instances_and_no_other()
    {
        var unlabelled = Metadata(true, (KubernetesCluster.FieldManager, Ours));
        Assert.Null(SecretOwnership.WhyNotOurs(unlabelled, "default"));
        Assert.Equal("belongs to another deployment (ecr-public-lambda/instance=default, this one is staging)", SecretOwnership.WhyNotOurs(unlabelled, "staging"));
    }

    [Fact]
    public void A_secret_of_ours_labelled_with_another_instance_is_not_this_deployments()
    {
        var metadata = Metadata(true, (KubernetesCluster.FieldManager, Ours));
        metadata.Labels[KubernetesCluster.InstanceLabel] = "staging";
        Assert.Null(SecretOwnership.WhyNotOurs(metadata, "staging"));
        Assert.Equal("belongs to another deployment (ecr-public-lambda/instance=staging, this one is default)", SecretOwnership.WhyNotOurs(metadata, "default"));
    }
}
