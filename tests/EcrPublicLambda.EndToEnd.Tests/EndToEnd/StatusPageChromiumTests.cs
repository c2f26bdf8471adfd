using EcrPublicLambda.Tests.Configuration;
using EcrPublicLambda.Tests.Hosting;

namespace EcrPublicLambda.Tests.EndToEnd;

/// <summary>
/// The status page as a person sees it: <c>bootstrap status -o html</c> over a fleet of every verdict, opened from disk
/// in headless Chromium (Debian's <c>chromium</c>; scripts/test.sh installs it). Slow: a browser starts twice.
/// </summary>
public sealed class StatusPageChromiumTests
{
    /// <summary>A folder to keep the page (and the same fleet as a table) in, for scripts/screenshot-status.sh.</summary>
    internal const string SampleVariable = "STATUS_SAMPLE_DIR";

    private const string Browser = "chromium";
    private const string Missing = "install Debian's chromium package (scripts/test.sh does)";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    /// <summary>The page's cell colours (StatusPage's stylesheet): fresh, expiring, stale, orphaned.</summary>
    private static readonly (string Verdict, int R, int G, int B)[] Colours = [("fresh", 0x2d, 0xa4, 0x4e), ("expiring", 0xd4, 0xa7, 0x2c), ("stale", 0xcf, 0x22, 0x2e), ("orphaned", 0x09, 0x69, 0xda)];

    [Fact]
    public async Task The_rendered_page_shows_the_verdict_counts_and_every_cluster_and_its_screenshot_has_the_verdict_colours()
    {
        await using var world = await StatusWorld.StartAsync(new Refresh.WorldCluster("beta", "us-east-1", "apps"));
        StatusWorld.SeedOurs(world["beta"], "apps", world.Time.Clock.GetUtcNow() + TimeSpan.FromHours(10));
        var run = await world.StatusAsync("-o", "html");
        using var directory = new TempDirectory();
        if (Environment.GetEnvironmentVariable(SampleVariable) is { Length: > 0 } sample)
        {
            // scripts/screenshot-status.sh: keep this page and the same reading as a table, for the docs.
            Directory.CreateDirectory(sample);
            await File.WriteAllTextAsync(Path.Combine(sample, "status.html"), run.Output);
            await File.WriteAllTextAsync(Path.Combine(sample, "status.txt"), (await world.StatusAsync("-o", "table")).Output);
        }

        var page = Path.Combine(directory.Path, "status.html");
        await File.WriteAllTextAsync(page, run.Output);
        var profile = Path.Combine(directory.Path, "profile");
        string[] common = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", $"--user-data-dir={profile}", "--window-size=1280,1000"];

        var dom = await ChildProcess.RunAsync(Browser, [.. common, "--dump-dom", new Uri(page).AbsoluteUri], directory.Path, Patience, Missing);
        var screenshot = Path.Combine(directory.Path, "status.png");
        var shot = await ChildProcess.RunAsync(Browser, [.. common, $"--screenshot={screenshot}", new Uri(page).AbsoluteUri], directory.Path, Patience, Missing);

        Assert.True(dom.ExitCode == 0, dom.Tail());
        Assert.Contains("data-count=\"fresh\"><b>2</b>fresh", dom.StandardOutput, StringComparison.Ordinal);
        foreach (var verdict in new[] { "expiring", "stale", "missing", "foreign", "orphaned" })
        {
            Assert.Contains($"data-count=\"{verdict}\"><b>1</b>{verdict}", dom.StandardOutput, StringComparison.Ordinal);
        }

        Assert.Contains("data-cluster=\"alpha\"", dom.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("data-cluster=\"beta\"", dom.StandardOutput, StringComparison.Ordinal);
        Assert.True(shot.ExitCode == 0 && File.Exists(screenshot), shot.Tail());
        var image = PngImage.Read(await File.ReadAllBytesAsync(screenshot));
        Assert.Equal(1280, image.Width);
        foreach (var (verdict, r, g, b) in Colours)
        {
            Assert.True(image.Count(r, g, b) > 200, $"the screenshot shows no {verdict} colour");
        }
    }
}
