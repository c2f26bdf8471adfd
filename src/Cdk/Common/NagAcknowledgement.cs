using Amazon.CDK;

namespace EcrPublicLambda.Cdk.Common;

/// <summary>
/// Acknowledges a cdk-nag finding on the resource itself, with its reason: the metadata <c>cdk_nag.rules_to_suppress</c>
/// travels in the template, where scripts/cdk-nag-check.js reads it. Anything not acknowledged here fails the suite.
/// </summary>
internal static class NagAcknowledgement
{
    internal static void Add(CfnResource resource, string rule, string reason, params string[] appliesTo)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var existing = resource.GetMetadata("cdk_nag") as IDictionary<string, object>;
        var rules = existing?["rules_to_suppress"] is object[] earlier ? earlier.ToList() : [];
        var entry = new Dictionary<string, object> { ["id"] = rule, ["reason"] = reason };
        if (appliesTo.Length > 0)
        {
            entry["applies_to"] = appliesTo;
        }

        rules.Add(entry);
        resource.AddMetadata("cdk_nag", new Dictionary<string, object> { ["rules_to_suppress"] = rules.ToArray() });
    }
}
