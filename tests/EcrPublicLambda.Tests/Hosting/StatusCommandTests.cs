using System.Text.Json;
using System.Text.Json.Nodes;
using EcrPublicLambda.Fakes;
using EcrPublicLambda.Hosting;
using EcrPublicLambda.Tests.Refresh;

namespace EcrPublicLambda.Tests.Hosting;

/// <summary><c>bootstrap status</c> over the fakes: the verdicts in each output, the exit codes, and that nothing is written.</summary>
public sealed class StatusCommandTests
{
    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["fresh"] = "fresh",
        ["expiring"] = "expiring",
        ["stale"] = "stale",
        ["missing"] = "missing",
        ["foreign"] = "foreign",
        ["retired"] = "orphaned",
    };

    [Fact]
    public async Task Json_gives_every_namespace_its_verdict_counts_them_and_exits_1()
    {
        await using var world = await StatusWorld.StartAsync();

        var run = await world.StatusAsync("-o", "json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("status", run.Report.GetProperty("operation").GetString());
        Assert.False(run.Report.GetProperty("healthy").GetBoolean());
        var cluster = run.Cluster("alpha");
        Assert.True(cluster.GetProperty("reachable").GetBoolean());
        Assert.Equal("describeCluster", cluster.GetProperty("endpointFrom").GetString());
        Assert.Equal("list", cluster.GetProperty("secretsReadBy").GetString());
        var verdicts = cluster.GetProperty("namespaces").EnumerateArray()
            .ToDictionary(ns => ns.GetProperty("namespace").GetString()!, ns => ns.GetProperty("verdict").GetString()!);
        Assert.Equal(Expected.OrderBy(p => p.Key), verdicts.OrderBy(p => p.Key));
        var counts = run.Report.GetProperty("counts");
        foreach (var verdict in Expected.Values)
        {
            Assert.Equal(1, counts.GetProperty(verdict).GetInt32());
        }

        var retired = Namespace(cluster, "retired");
        Assert.False(retired.GetProperty("selected").GetBoolean());
        var foreign = Namespace(cluster, "foreign");
        Assert.False(foreign.GetProperty("ours").GetBoolean());
        Assert.Equal(["ghcr.io"], foreign.GetProperty("registries").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["ecr-public.aws.com", "public.ecr.aws"], Namespace(cluster, "fresh").GetProperty("registries").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("present", Namespace(cluster, "fresh").GetProperty("serviceAccounts")[0].GetProperty("entry").GetString());
        Assert.Equal("absent", Namespace(cluster, "expiring").GetProperty("serviceAccounts")[0].GetProperty("entry").GetString());
    }

    [Fact]
    public async Task Status_reads_with_one_secret_list_and_writes_nothing_and_never_logs_in_to_the_registry()
    {
        await using var world = await StatusWorld.StartAsync();

        await world.StatusAsync("-o", "json");

        var server = world["alpha"];
        Assert.All(server.Requests, request => Assert.Equal("GET", request.Method));
        Assert.Equal(1, server.CountRequests("GET", "/api/v1/secrets"));
        Assert.Contains(server.Requests, r => r.Path == "/api/v1/secrets" && r.Query.Contains("fieldSelector=metadata.name%3D", StringComparison.Ordinal));
        Assert.DoesNotContain(world.Aws.Requests, r => r.Operation == FakeAwsOperation.GetAuthorizationToken);
    }

    [Fact]
    public async Task Table_shows_a_row_per_namespace_with_its_verdict_and_no_escape_codes_off_a_terminal()
    {
        await using var world = await StatusWorld.StartAsync();

        var run = await world.StatusAsync("-o", "table");

        Assert.Equal(1, run.ExitCode);
        Assert.DoesNotContain('\u001b', run.Output);
        var lines = run.Output.Split('\n');
        Assert.StartsWith("CLUSTER", lines[0], StringComparison.Ordinal);
        foreach (var (ns, verdict) in Expected)
        {
            var row = Assert.Single(lines, line => line.Split("   ", StringSplitOptions.RemoveEmptyEntries) is [_, _, var name, ..] && name.Trim() == ns);
            Assert.Equal(verdict, row.Split("   ", StringSplitOptions.RemoveEmptyEntries)[3].Trim());
        }

        Assert.Contains("1 fresh, 1 expiring, 1 stale, 1 missing, 1 foreign, 1 orphaned", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_o_the_output_is_json_off_a_terminal_and_a_table_on_one()
    {
        await using var world = await StatusWorld.StartAsync();

        var piped = await world.StatusAsync();
        var onTerminal = await world.CommandAsync("status", [], new TerminalInfo(true, false, Colour: false, null));

        Assert.Equal(JsonValueKind.Object, piped.Report.ValueKind);
        Assert.StartsWith("CLUSTER", onTerminal.Output, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', onTerminal.Output);
    }

    [Fact]
    public async Task A_colour_terminal_gets_each_verdict_in_its_colour()
    {
        await using var world = await StatusWorld.StartAsync();

        var run = await world.CommandAsync("status", [], new TerminalInfo(true, false, Colour: true, null));

        Assert.Contains("\u001b[32mfresh\u001b[0m", run.Output, StringComparison.Ordinal);
        Assert.Contains("\u001b[33mexpiring\u001b[0m", run.Output, StringComparison.Ordinal);
        Assert.Contains("\u001b[31mstale\u001b[0m", run.Output, StringComparison.Ordinal);
        Assert.Contains("\u001b[36morphaned\u001b[0m", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Html_shows_the_counts_every_cluster_and_every_namespace_verdict()
    {
        await using var world = await StatusWorld.StartAsync(new WorldCluster("beta", "us-east-1", "apps"));
        StatusWorld.SeedOurs(world["beta"], "apps", world.Time.Clock.GetUtcNow() + TimeSpan.FromHours(10));

        var run = await world.StatusAsync("-o", "html");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("<!DOCTYPE html>", run.Output, StringComparison.Ordinal);
        Assert.Contains("data-count=\"fresh\"><b>2</b>", run.Output, StringComparison.Ordinal);
        Assert.Contains("data-count=\"orphaned\"><b>1</b>", run.Output, StringComparison.Ordinal);
        Assert.Contains("data-cluster=\"alpha\"", run.Output, StringComparison.Ordinal);
        Assert.Contains("data-cluster=\"beta\"", run.Output, StringComparison.Ordinal);
        foreach (var (ns, verdict) in Expected)
        {
            Assert.Contains($"<span class=\"cell {verdict}\" title=\"{ns}: {verdict}\">{ns}</span>", run.Output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("<script", run.Output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_selected_namespace_fresh_exits_0()
    {
        await using var world = await RefreshWorld.StartAsync(new WorldCluster("alpha", "eu-west-1", "apps", "web"));
        StatusWorld.SeedOurs(world["alpha"], "apps", world.Time.Clock.GetUtcNow() + TimeSpan.FromHours(11));
        StatusWorld.SeedOurs(world["alpha"], "web", world.Time.Clock.GetUtcNow() + TimeSpan.FromHours(7));

        var run = await world.StatusAsync("-o", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.True(run.Report.GetProperty("healthy").GetBoolean());
    }

    [Fact]
    public async Task Expiring_within_sets_the_window_of_expiring()
    {
        await using var world = await RefreshWorld.StartAsync(new WorldCluster("alpha", "eu-west-1", "apps"));
        StatusWorld.SeedOurs(world["alpha"], "apps", world.Time.Clock.GetUtcNow() + TimeSpan.FromHours(7));

        var defaultWindow = await world.StatusAsync("-o", "json");
        var wider = await world.StatusAsync("-o", "json", "--expiring-within", "8h");

        Assert.Equal("fresh", Namespace(defaultWindow.Cluster("alpha"), "apps").GetProperty("verdict").GetString());
        Assert.Equal(0, defaultWindow.ExitCode);
        Assert.Equal("expiring", Namespace(wider.Cluster("alpha"), "apps").GetProperty("verdict").GetString());
        Assert.Equal(1, wider.ExitCode);
        Assert.Equal(8 * 3600, wider.Report.GetProperty("expiringWithinSeconds").GetInt64());
    }

    [Fact]
    public async Task Another_instances_Secret_is_foreign_where_selected_and_never_orphaned_and_is_ours_under_that_instance()
    {
        await using var world = await RefreshWorld.StartAsync(new WorldCluster("alpha", "eu-west-1", "apps") { ServerNamespaces = ["apps", "old"] });
        var expires = world.Time.Clock.GetUtcNow() + TimeSpan.FromHours(11);
        StatusWorld.SeedOurs(world["alpha"], "apps", expires, instance: "blue");
        StatusWorld.SeedOurs(world["alpha"], "old", expires, instance: "blue");

        var asDefault = await world.StatusAsync("-o", "json");
        var fleet = JsonNode.Parse(File.ReadAllText(world.ConfigPath))!.AsObject();
        fleet["instance"] = "blue";
        world.WriteFleet(fleet.ToJsonString());
        var asBlue = await world.StatusAsync("-o", "json");

        Assert.Equal(1, asDefault.ExitCode);
        var alpha = asDefault.Cluster("alpha");
        Assert.Equal(["apps"], alpha.GetProperty("namespaces").EnumerateArray().Select(ns => ns.GetProperty("namespace").GetString()));
        var apps = Namespace(alpha, "apps");
        Assert.Equal("foreign", apps.GetProperty("verdict").GetString());
        Assert.False(apps.GetProperty("ours").GetBoolean());
        Assert.Contains("belongs to another deployment (ecr-public-lambda/instance=blue, this one is default)", apps.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, asDefault.Report.GetProperty("counts").GetProperty("orphaned").GetInt32());

        var blue = asBlue.Cluster("alpha");
        Assert.Equal("fresh", Namespace(blue, "apps").GetProperty("verdict").GetString());
        Assert.Equal("orphaned", Namespace(blue, "old").GetProperty("verdict").GetString());
        Assert.Equal(0, asBlue.ExitCode);
    }

    [Fact]
    public async Task An_unreachable_cluster_is_reported_not_read_with_why_and_exits_1_while_the_others_are_read()
    {
        await using var world = await RefreshWorld.StartAsync(
            new WorldCluster("alpha", "eu-west-1", "apps"),
            new WorldCluster("gone", "eu-west-1", "apps") { Unreachable = true, EndpointInFleet = true });
        StatusWorld.SeedOurs(world["alpha"], "apps", world.Time.Clock.GetUtcNow() + TimeSpan.FromHours(11));

        var run = await world.StatusAsync("-o", "json");

        Assert.Equal(1, run.ExitCode);
        Assert.True(run.Cluster("alpha").GetProperty("reachable").GetBoolean());
        var gone = run.Cluster("gone");
        Assert.False(gone.GetProperty("reachable").GetBoolean());
        Assert.Equal("fleet", gone.GetProperty("endpointFrom").GetString());
        Assert.False(string.IsNullOrEmpty(gone.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task Without_a_cluster_wide_list_grant_status_gets_each_selected_namespace_and_says_orphans_were_not_looked_for()
    {
        await using var world = await StatusWorld.StartAsync();
        world["alpha"].Deny(verb: "list", resource: "secrets");

        var run = await world.StatusAsync("-o", "json");

        var cluster = run.Cluster("alpha");
        Assert.Equal("get", cluster.GetProperty("secretsReadBy").GetString());
        Assert.False(cluster.GetProperty("orphansChecked").GetBoolean());
        var verdicts = cluster.GetProperty("namespaces").EnumerateArray()
            .ToDictionary(ns => ns.GetProperty("namespace").GetString()!, ns => ns.GetProperty("verdict").GetString()!);
        Assert.Equal(Expected.Where(p => p.Key != "retired").OrderBy(p => p.Key), verdicts.OrderBy(p => p.Key));
        Assert.Equal(StatusWorld.Selected.Length, world["alpha"].CountRequests("GET", "/secrets/"));
    }

    [Theory]
    [InlineData("--dry-run")]
    [InlineData("-o", "yaml")]
    [InlineData("--expiring-within", "soon")]
    [InlineData("--expiring-within", "0h")]
    [InlineData("--cluster", "nope")]
    public async Task Bad_usage_exits_2_and_sends_nothing(params string[] arguments)
    {
        await using var world = await StatusWorld.StartAsync();

        var run = await world.StatusAsync(arguments);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        Assert.Empty(world["alpha"].Requests);
        Assert.Contains("error: ", run.Logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_o_table_prints_a_row_per_namespace_without_escape_codes_and_json_stays_the_default_off_a_terminal()
    {
        await using var world = await RefreshWorld.StartAsync(new WorldCluster("alpha", "eu-west-1", "apps", "web"));

        var table = await world.RunAsync("-o", "table");
        var json = await world.RunAsync();

        Assert.Equal(0, table.ExitCode);
        Assert.DoesNotContain('\u001b', table.Output);
        Assert.Contains(table.Output.Split('\n'), line => line.StartsWith("alpha", StringComparison.Ordinal) && line.Contains(" apps ", StringComparison.Ordinal) && line.Contains("created", StringComparison.Ordinal));
        Assert.Contains("refresh: succeeded in ", table.Output, StringComparison.Ordinal);
        Assert.Equal("succeeded", json.Status);
    }

    [Fact]
    public async Task Refresh_refuses_html_as_a_usage_error()
    {
        await using var world = await RefreshWorld.StartAsync(new WorldCluster("alpha", "eu-west-1", "apps"));

        var run = await world.RunAsync("-o", "html");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(world["alpha"].Requests);
    }

    private static JsonElement Namespace(JsonElement cluster, string name) =>
        cluster.GetProperty("namespaces").EnumerateArray().Single(ns => ns.GetProperty("namespace").GetString() == name);
}
