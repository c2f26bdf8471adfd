using Amazon.CDK.Assertions;

namespace EcrPublicLambda.Cdk.Tests;

/// <summary>
/// The order CloudFormation must respect in one template: each resource's DependsOn, Ref and Fn::GetAtt targets.
/// A cycle makes CloudFormation refuse the template, which synth alone does not catch.
/// </summary>
internal static class TemplateGraph
{
    /// <summary>Every resource's direct dependencies (resources only: parameters and pseudo parameters left out).</summary>
    internal static Dictionary<string, HashSet<string>> Dependencies(Template template)
    {
        var resources = (IDictionary<string, object>)template.ToJSON()["Resources"];
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (id, value) in resources)
        {
            var resource = (IDictionary<string, object>)value;
            var targets = new HashSet<string>(StringComparer.Ordinal);
            if (resource.TryGetValue("DependsOn", out var dependsOn))
            {
                targets.UnionWith(dependsOn is string one ? [one] : ((IEnumerable<object>)dependsOn).Cast<string>());
            }

            if (resource.TryGetValue("Properties", out var properties))
            {
                Collect(properties, targets);
            }

            targets.IntersectWith(resources.Keys);
            graph[id] = targets;
        }

        return graph;
    }

    /// <summary>The resources on a cycle, or none.</summary>
    internal static IReadOnlyList<string> Cycle(Template template)
    {
        var graph = Dependencies(template);
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<string>();
        bool Visit(string id)
        {
            state[id] = 1;
            path.Add(id);
            foreach (var next in graph[id])
            {
                if (state.GetValueOrDefault(next) == 1 || (state.GetValueOrDefault(next) == 0 && Visit(next)))
                {
                    return true;
                }
            }

            state[id] = 2;
            path.RemoveAt(path.Count - 1);
            return false;
        }

        return graph.Keys.Any(id => state.GetValueOrDefault(id) == 0 && Visit(id)) ? path : [];
    }

    /// <summary>Whether <paramref name="from"/> comes after <paramref name="to"/>, directly or through others.</summary>
    internal static bool DependsOn(Template template, string from, string to)
    {
        var graph = Dependencies(template);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([from]);
        while (pending.TryPop(out var id))
        {
            foreach (var next in graph[id].Where(seen.Add))
            {
                if (next == to)
                {
                    return true;
                }

                pending.Push(next);
            }
        }

        return false;
    }

    private static void Collect(object? node, HashSet<string> targets)
    {
        switch (node)
        {
            case IDictionary<string, object> map:
                if (map.TryGetValue("Ref", out var reference) && reference is string name)
                {
                    targets.Add(name);
                }

                if (map.TryGetValue("Fn::GetAtt", out var getAtt) && getAtt is IEnumerable<object> parts && parts.FirstOrDefault() is string target)
                {
                    targets.Add(target);
                }

                foreach (var value in map.Values)
                {
                    Collect(value, targets);
                }

                break;
            case string:
                break;
            case IEnumerable<object> items:
                foreach (var item in items)
                {
                    Collect(item, targets);
                }

                break;
        }
    }
}
