using System.Reflection;
using NetArchTest.Rules;

namespace EcrPublicLambda.Tests.Architecture;

/// <summary>
/// A one-way layering of the folders (namespaces) below <paramref name="root"/>: <paramref name="layers"/> from the top
/// down, folders in one layer side by side. A folder may use any folder in a lower layer, never one in its own layer or
/// above. Subfolders belong to their folder (<c>Hosting.Lambda</c> is part of <c>Hosting</c>).
/// </summary>
internal sealed class LayerRule(Assembly assembly, string root, IReadOnlyList<IReadOnlyList<string>> layers)
{
    /// <summary>Every use of a folder that the layering forbids, as "type -> forbidden folder".</summary>
    internal IReadOnlyList<string> Violations()
    {
        var violations = new List<string>();
        for (var layer = 0; layer < layers.Count; layer++)
        {
            // The folders this layer may not use: every one above it, and its neighbours in the same layer.
            var above = layers.Take(layer).SelectMany(folders => folders).ToList();
            foreach (var folder in layers[layer])
            {
                var forbidden = above.Concat(layers[layer].Where(other => other != folder)).ToList();
                foreach (var other in forbidden)
                {
                    violations.AddRange(TypesOf(folder).And().HaveDependencyOn(Namespace(other)).GetTypes()
                        .Select(type => $"{type.FullName} -> {other}"));
                }
            }
        }

        return violations;
    }

    /// <summary>The folders of the assembly that are not in any layer (each must have a place).</summary>
    internal IReadOnlyList<string> Unplaced()
    {
        var placed = layers.SelectMany(folders => folders).ToHashSet(StringComparer.Ordinal);
        return Types.InAssembly(assembly).GetTypes()
            .Select(type => type.Namespace ?? string.Empty)
            .Where(name => name.StartsWith(root + ".", StringComparison.Ordinal))
            .Select(name => name[(root.Length + 1)..].Split('.')[0])
            .Where(folder => !placed.Contains(folder))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// A cycle among the folders of the assembly, whatever the layering says (for example "A -> B -> A"), or null.
    /// </summary>
    internal string? Cycle()
    {
        var folders = layers.SelectMany(layer => layer).ToList();
        var uses = folders.ToDictionary(
            folder => folder,
            folder => folders.Where(other => other != folder && TypesOf(folder).And().HaveDependencyOn(Namespace(other)).GetTypes().Any()).ToList(),
            StringComparer.Ordinal);

        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();
        foreach (var folder in folders)
        {
            if (Visit(folder) is { } cycle)
            {
                return cycle;
            }
        }

        return null;

        string? Visit(string folder)
        {
            var at = path.IndexOf(folder);
            if (at >= 0)
            {
                return string.Join(" -> ", path.Skip(at).Append(folder));
            }

            if (!done.Add(folder))
            {
                return null;
            }

            path.Add(folder);
            foreach (var next in uses[folder])
            {
                if (Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            return null;
        }
    }

    private string Namespace(string folder) => $"{root}.{folder}";

    private PredicateList TypesOf(string folder) =>
        Types.InAssembly(assembly).That().ResideInNamespace(Namespace(folder));
}
