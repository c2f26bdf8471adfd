using EcrPublicLambda.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace EcrPublicLambda.Tests.Hosting;

public sealed class ProgressLineTests
{
    [Fact]
    public void Nothing_is_drawn_in_the_first_two_seconds()
    {
        var clock = new FakeTimeProvider();
        using var screen = new StringWriter();
        var writer = new ProgressWriter(screen);

        using (var progress = new ProgressLine(writer, clock, "status", 3))
        {
            progress.Done();
            clock.Advance(TimeSpan.FromMilliseconds(1999));
            progress.Done();
        }

        Assert.Equal(string.Empty, screen.ToString());
    }

    [Fact]
    public void After_two_seconds_the_line_shows_clusters_done_of_total_redraws_and_is_wiped_at_the_end()
    {
        var clock = new FakeTimeProvider();
        using var screen = new StringWriter();
        var writer = new ProgressWriter(screen);

        using (var progress = new ProgressLine(writer, clock, "status", 3))
        {
            progress.Done();
            clock.Advance(TimeSpan.FromSeconds(2));
            Assert.EndsWith("\r\u001b[2Kstatus: 1/3 clusters done", screen.ToString(), StringComparison.Ordinal);
            progress.Done();
            Assert.EndsWith("\r\u001b[2Kstatus: 2/3 clusters done", screen.ToString(), StringComparison.Ordinal);
        }

        Assert.EndsWith("clusters done\r\u001b[2K", screen.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_log_line_wipes_the_progress_line_and_it_is_drawn_again_below()
    {
        var clock = new FakeTimeProvider();
        using var screen = new StringWriter();
        var writer = new ProgressWriter(screen);
        using var progress = new ProgressLine(writer, clock, "refresh", 2);
        clock.Advance(TimeSpan.FromSeconds(3));

        writer.WriteLine("{\"level\":\"INFO\"}");

        Assert.EndsWith("refresh: 0/2 clusters done\r\u001b[2K{\"level\":\"INFO\"}" + Environment.NewLine + "refresh: 0/2 clusters done", screen.ToString(), StringComparison.Ordinal);
    }
}
