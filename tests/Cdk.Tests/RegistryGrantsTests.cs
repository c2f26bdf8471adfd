using System.Text.Json;
using Amazon.CDK.Assertions;
using EcrPublicLambda.Cdk.Access;
using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Cdk.Tests;

/// <summary>The fleet's registries get exactly the grants they name, in a policy of their own, acknowledged to cdk-nag.</summary>
public sealed class RegistryGrantsTests(EditPolicyDeployment deployment) : IClassFixture<EditPolicyDeployment>
{
    private const string Key = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private const string Secret = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:dockerhub";
    private const string Puller = "arn:aws:iam::444455556666:role/ecr-puller";

    private static Fleet RegistryFleet(string registries) => FleetParser.Parse($$"""
        {"registries": {{registries}}, "clusters": [{"name": "prod-eu", "region": "eu-west-1", "namespaces": ["default"]}]}
        """);

    [Fact]
    public void Each_entry_gets_its_token_pull_secret_key_or_role_grant_and_nothing_more()
    {
        var fleet = RegistryFleet($$"""
            [
              {"type": "ecr", "registryId": "111122223333", "region": "eu-west-1"},
              {"type": "ecr", "registryId": "444455556666", "region": "us-west-2", "roleArn": "{{Puller}}"},
              {"type": "secretsManager", "name": "docker-hub", "server": "docker.io", "secretArn": "{{Secret}}", "kmsKeyArn": "{{Key}}"}
            ]
            """);

        var template = deployment.MainWith(deployment.Settings with { Fleet = fleet });

        var statements = Statements(template, RegistryGrants.ConstructId);
        Assert.Equal(
        [
            """{"Action":"ecr:GetAuthorizationToken","Effect":"Allow","Resource":"*","Sid":"EcrToken"}""",
            """{"Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer","ecr:BatchCheckLayerAvailability"],"Effect":"Allow","Resource":"arn:aws:ecr:eu-west-1:111122223333:repository/*","Sid":"EcrPull1"}""",
            $$"""{"Action":"sts:AssumeRole","Effect":"Allow","Resource":"{{Puller}}","Sid":"AssumeRegistryRole2"}""",
            $$"""{"Action":"secretsmanager:GetSecretValue","Effect":"Allow","Resource":["{{Secret}}","{{Secret}}-??????"],"Sid":"ReadSecret3"}""",
            $$$"""{"Action":"kms:Decrypt","Condition":{"StringEquals":{"kms:ViaService":"secretsmanager.eu-west-1.amazonaws.com"}},"Effect":"Allow","Resource":"{{{Key}}}","Sid":"DecryptSecret3"}""",
        ], statements);
        Assert.DoesNotContain("EcrPublicToken", DefaultPolicySids(template));
        var nag = JsonSerializer.Serialize(Policy(template, RegistryGrants.ConstructId)["Metadata"]);
        Assert.Contains("AwsSolutions-IAM5", nag, StringComparison.Ordinal);
        Assert.Contains($"Resource::{Secret}-??????", nag, StringComparison.Ordinal);
        Assert.Contains("Resource::arn:aws:ecr:eu-west-1:111122223333:repository/*", nag, StringComparison.Ordinal);
    }

    [Fact]
    public void ECR_Public_alone_adds_no_registry_policy_and_keeps_its_token_grants_in_the_default_policy()
    {
        var template = deployment.MainWith(deployment.Settings with { Fleet = RegistryFleet("""[{"type": "ecr-public"}]""") });

        Assert.DoesNotContain(template.FindResources("AWS::IAM::Policy").Keys, id => id.StartsWith(RegistryGrants.ConstructId, StringComparison.Ordinal));
        Assert.Contains("EcrPublicToken", DefaultPolicySids(template));
    }

    private static IDictionary<string, object> Policy(Template template, string prefix) =>
        template.FindResources("AWS::IAM::Policy").Single(pair => pair.Key.StartsWith(prefix, StringComparison.Ordinal)).Value;

    private static List<string> Statements(Template template, string prefix)
    {
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(Policy(template, prefix)["Properties"]));
        return [.. json.RootElement.GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray().Select(Sorted)];
    }

    private static IEnumerable<string> DefaultPolicySids(Template template)
    {
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(template.FindResources("AWS::IAM::Policy")
            .Single(pair => pair.Key.Contains("DefaultPolicy", StringComparison.Ordinal)).Value["Properties"]));
        return [.. json.RootElement.GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray().Select(s => s.GetProperty("Sid").GetString()!)];
    }

    /// <summary>The statement with its keys in order, compact.</summary>
    private static string Sorted(JsonElement statement) =>
        "{" + string.Join(",", statement.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"{JsonSerializer.Serialize(p.Name)}:{p.Value.GetRawText()}")) + "}";
}
