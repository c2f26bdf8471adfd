using EcrPublicLambda.Tests.Hosting;

namespace EcrPublicLambda.Tests.Refresh;

/// <summary>A refresh reports the oldest of our Secrets it found before writing: the figure the oldest-Secret alarm watches.</summary>
public sealed class RefreshOldestSecretTests
{
    [Fact]
    public async Task A_refresh_reports_how_long_ago_the_oldest_of_our_secrets_was_written_before_it_wrote()
    {
        // The API servers' clock is 7 hours behind the run's: a Secret they stamp now was written 7 hours before the run.
        await using var world = await RefreshWorld.StartAsync(
            [new WorldCluster("alpha", "eu-west-1", "apps", "web", "new")],
            clockSkew: TimeSpan.FromHours(-7));
        StatusWorld.SeedOurs(world["alpha"], "apps", DateTimeOffset.UtcNow);
        StatusWorld.SeedOurs(world["alpha"], "web", DateTimeOffset.UtcNow);

        var run = await world.RunAsync("-o", "json");

        Assert.Equal(0, run.ExitCode);
        var oldest = run.Report.GetProperty("oldestSecretAgeSeconds").GetInt64();
        Assert.InRange(oldest, (7 * 3600) - 300, (7 * 3600) + 300);
        Assert.Equal(oldest, run.Cluster("alpha").GetProperty("oldestSecretAgeSeconds").GetInt64());
    }

    [Fact]
    public async Task Without_the_grant_to_list_secrets_the_refresh_still_writes_and_reports_no_oldest_age()
    {
        await using var world = await RefreshWorld.StartAsync(new WorldCluster("alpha", "eu-west-1", "apps"));
        world["alpha"].Deny(verb: "list", resource: "secrets");

        var run = await world.RunAsync("-o", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, run.Report.GetProperty("oldestSecretAgeSeconds").ValueKind);
        world.AssertSecret("alpha", "apps");
    }

    [Fact]
    public async Task A_cleanup_reports_no_oldest_age_and_lists_secrets_only_once_for_its_sweep()
    {
        await using var world = await RefreshWorld.StartAsync(new WorldCluster("alpha", "eu-west-1", "apps"));
        StatusWorld.SeedOurs(world["alpha"], "apps", DateTimeOffset.UtcNow.AddHours(-3));

        var run = await world.CleanupAsync("-o", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, run.Report.GetProperty("oldestSecretAgeSeconds").ValueKind);
        // One cluster-wide Secret list: the sweep's; none more for an oldest age.
        Assert.Equal(1, world["alpha"].CountRequests("GET", "/api/v1/secrets"));
    }
}
