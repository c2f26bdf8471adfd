using EcrPublicLambda.Hosting;
using EcrPublicLambda.Kubernetes;
using EcrPublicLambda.Refresh;

namespace EcrPublicLambda.Tests.Hosting;

public sealed class StatusPageTests
{
    private const string Hostile = "<img src=x onerror=alert(1)>\"'&";

    private static StatusReport Report() => new(
        new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero),
        6 * 3600,
        Healthy: false,
        new VerdictCounts(0, 0, 0, 0, 1, 0),
        10,
        [
            new ClusterStatus(Hostile, "eu-west-1", true, "fleet", "list", true, null,
            [
                new NamespaceStatus(Hostile, true, Verdict.Foreign, true, false, null, null, null, [Hostile], [new ServiceAccountStatus(Hostile, PullSecretEntry.Absent, Hostile)], Hostile, null),
            ]),
            new ClusterStatus("down", "eu-west-1", false, "describeCluster", null, false, "</span></table><script>alert(1)</script>", []),
        ]);

    [Fact]
    public void Page_escapes_every_name_and_message_and_has_no_script_or_external_asset()
    {
        var html = StatusPage.Render(Report());

        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("</span></table>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;/span&gt;&lt;/table&gt;&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("url(", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Page_shows_the_time_of_the_reading_and_an_unread_cluster_with_why()
    {
        var html = StatusPage.Render(Report());

        Assert.Contains("<time datetime=\"2026-11-26T12:00:00Z\">", html, StringComparison.Ordinal);
        Assert.Contains("1 of 2 cluster(s) read", html, StringComparison.Ordinal);
        Assert.Contains("not read: &lt;/span&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_makes_control_characters_harmless_on_a_terminal()
    {
        var report = Report() with
        {
            Clusters = [new ClusterStatus("c", "r", true, "fleet", "list", true, null,
                [new NamespaceStatus("ns", true, Verdict.Foreign, true, false, null, null, null, ["evil\u001b[2J\u009b31m"], [], "x\u0007", null)])],
        };

        var table = StatusTable.Render(report, colour: false);

        Assert.DoesNotContain('\u001b', table);
        Assert.DoesNotContain('\u009b', table);
        Assert.DoesNotContain('\u0007', table);
        Assert.Contains("evil?[2J?31m", table, StringComparison.Ordinal);
    }
}
