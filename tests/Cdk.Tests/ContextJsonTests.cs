using System.Text.Json;
using EcrPublicLambda.Cdk.Settings;

namespace EcrPublicLambda.Cdk.Tests;

public sealed class ContextJsonTests
{
    private const string ClustersText = """[{"name":"prod-eu","region":"eu-west-1","namespaces":["default"],"weight":3,"flag":true}]""";

    /// <summary>The shapes jsii gives .NET for a JSON value in cdk.json: object[], Dictionary&lt;string, object&gt;, string, bool, double.</summary>
    private static object[] Plain() =>
    [
        new Dictionary<string, object?>
        {
            ["name"] = "prod-eu",
            ["region"] = "eu-west-1",
            ["namespaces"] = new object[] { "default" },
            ["weight"] = 3d,
            ["flag"] = true,
        },
    ];

    [Fact]
    public void String_from_the_command_line_is_taken_as_json_text()
    {
        Assert.Equal(ClustersText, ContextJson.ToJson(ClustersText));
    }

    [Fact]
    public void Value_from_cdk_json_as_jsii_hands_it_over_becomes_the_same_json()
    {
        Assert.Equal(ClustersText, ContextJson.ToJson(Plain()));
    }

    [Fact]
    public void Value_through_a_real_app_context_round_trips()
    {
        var app = new Amazon.CDK.App(new Amazon.CDK.AppProps
        {
            Context = new Dictionary<string, object>
            {
                ["clusters"] = Plain(),
            },
        });

        var json = ContextJson.ToJson(app.Node.TryGetContext("clusters"));

        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(ClustersText).RootElement, JsonDocument.Parse(json).RootElement), json);
    }
}
