using System.Xml.Linq;
using EcrPublicLambda.Common;
using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Tests.Architecture;

/// <summary>
/// The layers of the function (docs/architecture.md): Hosting (CLI and Lambda host) on top, then the refresh engine, then
/// the AWS clients and the Kubernetes writer side by side, then Common; the fleet library below them all.
/// </summary>
public sealed class LayerTests
{
    internal static readonly IReadOnlyList<IReadOnlyList<string>> FunctionLayers =
    [
        ["Hosting"],
        ["Refresh"],
        ["Aws", "Kubernetes"],
        ["Common"],
        ["Configuration"],
    ];

    private static readonly LayerRule Function = new(typeof(ErrorText).Assembly, "EcrPublicLambda", FunctionLayers);

    [Fact]
    public void No_folder_of_the_function_uses_a_folder_above_it_or_beside_it()
    {
        Assert.Empty(Function.Violations());
    }

    [Fact]
    public void The_rule_sees_the_real_uses_when_a_layer_is_put_too_low()
    {
        // The engine placed under the AWS clients: its real uses of Aws must then be reported.
        var wrong = new LayerRule(typeof(ErrorText).Assembly, "EcrPublicLambda", [["Hosting"], ["Aws", "Kubernetes"], ["Refresh"], ["Common"], ["Configuration"]]);

        Assert.Contains(wrong.Violations(), violation => violation.StartsWith("EcrPublicLambda.Refresh.Refresher", StringComparison.Ordinal) && violation.EndsWith("-> Aws", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_folder_of_the_function_has_a_layer()
    {
        Assert.Empty(Function.Unplaced());
    }

    [Fact]
    public void The_folders_of_the_function_have_no_cycle()
    {
        Assert.Null(Function.Cycle());
    }

    [Fact]
    public void The_fleet_library_uses_no_folder_of_the_function()
    {
        var fleet = new LayerRule(typeof(FleetParser).Assembly, "EcrPublicLambda", FunctionLayers);
        Assert.Empty(fleet.Violations());
        Assert.Empty(new LayerRule(typeof(FleetParser).Assembly, "EcrPublicLambda", [["Configuration"]]).Unplaced());
    }

    [Fact]
    public void The_fleet_library_references_no_function_Kubernetes_client_or_AWS_SDK()
    {
        var references = typeof(FleetParser).Assembly.GetReferencedAssemblies().Select(name => name.Name ?? string.Empty).ToList();
        Assert.DoesNotContain(references, name =>
            name == typeof(ErrorText).Assembly.GetName().Name
            || name.StartsWith("KubernetesClient", StringComparison.Ordinal)
            || name.StartsWith("AWSSDK", StringComparison.Ordinal));
    }

    [Fact]
    public void The_CDK_app_references_the_fleet_library_and_not_the_function()
    {
        var root = RepositoryRoot.Find();
        var references = ProjectReferences(Path.Combine(root, "src", "Cdk", "Cdk.csproj"));
        Assert.Equal(["../Fleet/Fleet.csproj"], references);
        Assert.Empty(ProjectReferences(Path.Combine(root, "src", "Fleet", "Fleet.csproj")));
    }

    private static List<string> ProjectReferences(string project) =>
        [.. XDocument.Load(project).Descendants("ProjectReference").Select(item => ((string?)item.Attribute("Include") ?? string.Empty).Replace('\\', '/'))];
}
