using EcrPublicLambda.Configuration;
using EcrPublicLambda.Hosting;
using EcrPublicLambda.Tests.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcrPublicLambda.Tests.Hosting;

/// <summary><c>bootstrap validate</c> through the app's composition seam, with an HTTP client that fails on any request.</summary>
public sealed class ValidateCommandTests : IDisposable
{
    private const string GoodFleet = """
        {"secretName": "pull", "clusters": [
          {"name": "prod-eu", "region": "eu-west-1", "namespaces": ["default", "monitoring"], "serviceAccounts": ["default", "ci"]},
          {"name": "dev", "region": "us-east-1", "namespaces": ["default"]}
        ]}
        """;

    private readonly TempDirectory directory = new();
    private readonly NoNetworkHandler network = new();

    public void Dispose()
    {
        network.Dispose();
        directory.Dispose();
    }

    private async Task<(int Code, string Out, string Error)> RunAsync(Dictionary<string, string> environment, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var http = new HttpClient(network, disposeHandler: false);
        var context = new HostContext(
            new AppEnvironment(environment, directory.Path),
            stdout, stderr, http, TimeProvider.System, NullLogger.Instance, CancellationToken.None);
        var code = await App.RunAsync(args, context);
        Assert.Equal(0, network.Attempts);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private Task<(int Code, string Out, string Error)> RunAsync(params string[] args) => RunAsync([], args);

    [Fact]
    public async Task A_good_fleet_prints_a_summary_and_exits_0()
    {
        var path = directory.Write("fleet.json", GoodFleet);

        var (code, stdout, stderr) = await RunAsync("validate", "--config", path);

        Assert.Equal(0, code);
        Assert.Equal($"ok: 2 clusters, 3 namespaces, 4 service accounts, secret \"pull\" ({path}){Environment.NewLine}", stdout);
        Assert.Empty(stderr);
    }

    [Fact]
    public async Task Clusters_that_choose_namespaces_by_pattern_or_label_are_named_as_needing_a_namespace_list()
    {
        var path = directory.Write("fleet.json", """
            {"clusters": [
              {"name": "prod-eu", "region": "eu-west-1", "namespaces": ["default"]},
              {"name": "teams", "region": "eu-west-1", "namespaces": ["team-*"], "excludeNamespaces": ["team-old"]},
              {"name": "labelled", "region": "us-east-1", "namespaces": ["*"], "namespaceSelector": "tier!=system,env in (prod)"}
            ]}
            """);

        var (code, stdout, stderr) = await RunAsync("validate", "--config", path);

        Assert.Equal(0, code);
        Assert.Equal(
            [
                $"ok: 3 clusters, 3 namespaces, 0 service accounts, secret \"ecr-public-token\" ({path})",
                "cluster \"teams\" (eu-west-1) needs a namespace list: each run lists its namespaces (a cluster-scoped \"list\" on \"namespaces\"), and the Secrets named \"ecr-public-token\" in every namespace to remove ours where a namespace no longer matches (a cluster-scoped \"list\" on \"secrets\" of that name)",
                "cluster \"labelled\" (us-east-1) needs a namespace list: each run lists its namespaces with labelSelector \"env in (prod),tier!=system\" (a cluster-scoped \"list\" on \"namespaces\"), and the Secrets named \"ecr-public-token\" in every namespace to remove ours where a namespace no longer matches (a cluster-scoped \"list\" on \"secrets\" of that name)",
                string.Empty,
            ],
            stdout.Split(Environment.NewLine));
        Assert.Empty(stderr);
    }

    [Fact]
    public async Task A_bad_fleet_lists_every_error_on_stderr_and_exits_2()
    {
        var path = directory.Write("fleet.json", """
            {"clusters": [
              {"name": "prod-eu", "region": "eu-west-1", "namespaces": ["Prod"], "endpoint": "https://x.example.com"},
              {"name": "prod-eu", "region": "eu-west-1", "namespaces": ["default"], "serviceAcounts": ["ci"]}
            ]}
            """);

        var (code, stdout, stderr) = await RunAsync("validate", "--config", path);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Equal(
            [
                $"{path}: clusters[0].namespaces[0]: \"Prod\" is not a valid namespace name (a DNS-1123 label: at most 63 characters of a-z, 0-9 and '-', starting and ending with a letter or digit)",
                $"{path}: clusters[0].certificateAuthority: required when \"endpoint\" is set (give both or neither)",
                $"{path}: clusters[1].serviceAcounts: unknown field (did you mean \"serviceAccounts\"?)",
                $"{path}: clusters[1]: duplicate cluster \"prod-eu\" in region \"eu-west-1\" (same as clusters[0])",
            ],
            stderr.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Invalid_json_exits_2_with_its_line()
    {
        var path = directory.Write("fleet.json", "{\"clusters\": [\n");

        var (code, _, stderr) = await RunAsync("validate", "--config", path);

        Assert.Equal(2, code);
        Assert.StartsWith($"{path}: $: invalid JSON at line 2, position 1: ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_exits_2_naming_it()
    {
        var path = Path.Combine(directory.Path, "absent.json");

        var (code, stdout, stderr) = await RunAsync("validate", "--config", path);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.StartsWith($"{path}: cannot read the fleet file (FileNotFoundException", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_config_it_reads_CONFIG_FILE()
    {
        var path = directory.Write("from-env.json", GoodFleet);

        var (code, stdout, _) = await RunAsync(new Dictionary<string, string> { ["CONFIG_FILE"] = path }, "validate");

        Assert.Equal(0, code);
        Assert.EndsWith($"({path}){Environment.NewLine}", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_config_or_CONFIG_FILE_it_reads_clusters_json_beside_the_executable()
    {
        var path = directory.Write("clusters.json", """{"clusters": [{"name": "a", "region": "eu-west-1", "namespaces": ["x"]}]}""");

        var (code, stdout, _) = await RunAsync("validate");

        Assert.Equal(0, code);
        Assert.Equal($"ok: 1 cluster, 1 namespace, 0 service accounts, secret \"ecr-public-token\" ({path}){Environment.NewLine}", stdout);
    }

    [Fact]
    public async Task Adopting_existing_secrets_is_mentioned_in_the_summary()
    {
        var path = directory.Write("fleet.json", """{"adoptExisting": true, "clusters": [{"name": "a", "region": "eu-west-1", "namespaces": ["x"]}]}""");

        var (code, stdout, _) = await RunAsync("validate", "--config", path);

        Assert.Equal(0, code);
        Assert.Contains("secret \"ecr-public-token\", adopting existing Secrets (", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--dry-run")]
    [InlineData("--config")]
    [InlineData("extra")]
    public async Task A_bad_argument_exits_2(string argument)
    {
        var (code, stdout, stderr) = await RunAsync("validate", argument);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.StartsWith("error: ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_summary_names_an_instance_other_than_default()
    {
        var fleet = FleetParser.Parse("""{"instance": "blue", "clusters": [{"name": "a", "region": "eu-west-1", "namespaces": ["x"]}]}""");

        Assert.Equal("ok: 1 cluster, 1 namespace, 0 service accounts, secret \"ecr-public-token\", instance \"blue\" (f.json)", ValidateCommand.Summary(fleet, "f.json"));
        Assert.DoesNotContain("instance", ValidateCommand.Summary(fleet with { Instance = "default" }, "f.json"), StringComparison.Ordinal);
    }
}
