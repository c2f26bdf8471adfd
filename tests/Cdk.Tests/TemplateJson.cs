using Amazon.CDK.Assertions;

namespace EcrPublicLambda.Cdk.Tests;

/// <summary>Small helpers to write CloudFormation fragments and find logical ids in a synthesized template.</summary>
internal static class TemplateJson
{
    internal static Dictionary<string, object> Obj(params (string Key, object Value)[] members) =>
        members.ToDictionary(member => member.Key, member => member.Value);

    internal static Dictionary<string, object> Ref(string logicalId) => Obj(("Ref", logicalId));

    internal static Dictionary<string, object> GetAtt(string logicalId, string attribute) => Obj(("Fn::GetAtt", new object[] { logicalId, attribute }));

    internal static Dictionary<string, object> Join(params object[] parts) => Obj(("Fn::Join", new object[] { string.Empty, parts }));

    internal static Dictionary<string, object> Partition => Ref("AWS::Partition");

    internal static Dictionary<string, object> AccountId => Ref("AWS::AccountId");

    /// <summary>The logical id of the one resource of <paramref name="type"/>; fails when there is not exactly one.</summary>
    internal static string LogicalId(Template template, string type) => Assert.Single(template.FindResources(type)).Key;

    /// <summary>The logical id of the role's one default policy (the per-cluster grants are policies of their own).</summary>
    internal static string DefaultPolicyId(Template template) =>
        Assert.Single(template.FindResources("AWS::IAM::Policy").Keys, id => id.StartsWith("RoleDefaultPolicy", StringComparison.Ordinal));

    /// <summary>A per-cluster grant policy: neither the role's default policy nor the teardown fence's own.</summary>
    internal static bool IsClusterGrant(Template template, string id) =>
        id != DefaultPolicyId(template) && !id.StartsWith("TeardownFence", StringComparison.Ordinal);

    /// <summary>The logical ids of all outputs.</summary>
    internal static IReadOnlyList<string> OutputNames(Template template) => [.. template.FindOutputs("*").Keys];

    /// <summary>The Properties of every resource of <paramref name="type"/>.</summary>
    internal static IReadOnlyList<IDictionary<string, object>> Properties(Template template, string type) =>
        [.. template.FindResources(type).Values.Select(resource => (IDictionary<string, object>)resource["Properties"])];
}
