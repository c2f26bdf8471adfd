using System.Reflection;
using EcrPublicLambda.Common;

namespace EcrPublicLambda.Tests.Architecture;

/// <summary>What a run does is a <c>RunOperation</c> value: no boolean mode crosses a layer (issue 21, item 3).</summary>
public sealed class OperationModelTests
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>Every parameter, property and field of the function whose type is bool and whose name is a run mode.</summary>
    private static List<string> BooleanModes(Assembly assembly)
    {
        string[] modes = ["cleanup", "sweep", "status", "refresh"];
        bool IsMode(string? name) => name is not null && modes.Any(mode => name.Trim('<', '>', '_').Split('>')[0].Equals(mode, StringComparison.OrdinalIgnoreCase));

        var found = new List<string>();
        foreach (var type in assembly.GetTypes().Where(type => type.Namespace?.StartsWith("EcrPublicLambda", StringComparison.Ordinal) == true))
        {
            foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
            {
                found.AddRange(method.GetParameters()
                    .Where(parameter => parameter.ParameterType == typeof(bool) && IsMode(parameter.Name))
                    .Select(parameter => $"{type.FullName}.{method.Name}({parameter.Name})"));
            }

            found.AddRange(type.GetProperties(Declared).Where(p => p.PropertyType == typeof(bool) && IsMode(p.Name)).Select(p => $"{type.FullName}.{p.Name}"));
            found.AddRange(type.GetFields(Declared).Where(f => f.FieldType == typeof(bool) && IsMode(f.Name)).Select(f => $"{type.FullName}.{f.Name}"));
        }

        return found;
    }

    [Fact]
    public void No_parameter_property_or_field_of_the_function_is_a_boolean_run_mode()
    {
        Assert.Empty(BooleanModes(typeof(ErrorText).Assembly));
    }

    [Fact]
    public void The_check_finds_a_boolean_run_mode_where_there_is_one()
    {
        Assert.Equal(
            [$"{typeof(WithAMode).FullName}.RunAsync(cleanup)", $"{typeof(WithAMode).FullName}.Cleanup", $"{typeof(WithAMode).FullName}.<Cleanup>k__BackingField"],
            BooleanModes(typeof(OperationModelTests).Assembly).Where(found => found.StartsWith(typeof(WithAMode).FullName!, StringComparison.Ordinal)));
    }

    private sealed class WithAMode
    {
        internal bool Cleanup { get; set; }

        internal static Task RunAsync(bool cleanup) => Task.FromResult(cleanup);
    }
}
