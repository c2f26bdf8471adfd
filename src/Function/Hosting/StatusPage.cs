using System.Net;
using System.Text;
using EcrPublicLambda.Common;
using EcrPublicLambda.Refresh;

namespace EcrPublicLambda.Hosting;

/// <summary>
/// <c>bootstrap status -o html</c>: one self-contained page (inline CSS; no script, no external asset, so it works
/// opened from disk and under a strict Content-Security-Policy): the counts per verdict, the time of the reading, the
/// fleet as a grid (a row per cluster, a cell per namespace coloured by verdict), then a table per cluster. Every name
/// and message is HTML-encoded.
/// </summary>
internal static class StatusPage
{
    private const string Style = """
        body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1b1f24;background:#fff}
        h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:24px 0 8px}h3{font-size:15px;margin:16px 0 6px}
        .meta{color:#57606a;margin:0 0 12px}
        .counts{display:flex;gap:8px;flex-wrap:wrap;padding:0;margin:0;list-style:none}
        .counts li{padding:8px 14px;border-radius:6px;min-width:72px;text-align:center}
        .counts b{display:block;font-size:22px}
        .grid{display:grid;grid-template-columns:max-content 1fr;gap:6px 12px;align-items:start}
        .grid .name{font-weight:600;padding:4px 0}.grid .cells{display:flex;flex-wrap:wrap;gap:4px}
        .cell{padding:4px 8px;border-radius:4px;font-size:12px}
        table{border-collapse:collapse;margin:0 0 8px}th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
        th{background:#f6f8fa}
        .fresh{background:#2da44e;color:#fff}.expiring{background:#d4a72c;color:#000}.stale{background:#cf222e;color:#fff}
        .missing{background:#8c959f;color:#fff}.foreign{background:#8250df;color:#fff}.orphaned{background:#0969da;color:#fff}
        .unread{background:#fff;color:#cf222e;border:1px dashed #cf222e}.error{color:#cf222e}
        """;

    internal static string Render(StatusReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var read = report.Clusters.Count(c => c.Reachable);
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
            .Append("<title>Fleet status ").Append(E(Rfc3339.Format(report.ReadAt))).Append("</title><style>").Append(Style).Append("</style></head><body>\n")
            .Append("<h1>Fleet status</h1>\n<p class=\"meta\">Read at <time datetime=\"").Append(E(Rfc3339.Format(report.ReadAt))).Append("\">")
            .Append(E(Rfc3339.Format(report.ReadAt))).Append("</time>; ").Append(read).Append(" of ").Append(report.Clusters.Count).Append(" cluster(s) read; ")
            .Append(report.Healthy ? "every selected namespace is fresh" : "not every selected namespace is fresh").Append(".</p>\n<ul class=\"counts\">");
        foreach (var verdict in Words.Verdicts)
        {
            var word = Words.Of(verdict);
            html.Append("<li class=\"").Append(word).Append("\" data-count=\"").Append(word).Append("\"><b>").Append(report.Counts.Of(verdict)).Append("</b>").Append(word).Append("</li>");
        }

        html.Append("</ul>\n<h2>Fleet</h2>\n<div class=\"grid\">");
        foreach (var cluster in report.Clusters)
        {
            html.Append("<div class=\"name\" data-cluster=\"").Append(E(cluster.Name)).Append("\">").Append(E(cluster.Name)).Append(" <small>").Append(E(cluster.Region)).Append("</small></div><div class=\"cells\">");
            if (!cluster.Reachable)
            {
                html.Append("<span class=\"cell unread\">not read: ").Append(E(cluster.Error)).Append("</span>");
            }

            foreach (var ns in cluster.Namespaces)
            {
                var word = ns.Verdict is { } v ? Words.Of(v) : "unread";
                html.Append("<span class=\"cell ").Append(word).Append("\" title=\"").Append(E($"{ns.Namespace}: {word}")).Append("\">").Append(E(ns.Namespace)).Append("</span>");
            }

            html.Append("</div>");
        }

        html.Append("</div>\n<h2>Clusters</h2>\n");
        foreach (var cluster in report.Clusters)
        {
            html.Append("<section><h3>").Append(E(cluster.Name)).Append(" (").Append(E(cluster.Region)).Append(")</h3><p class=\"meta\">")
                .Append(cluster.Reachable
                    ? $"read: endpoint from {E(cluster.EndpointFrom)}, Secrets by {(cluster.SecretsReadBy == "list" ? "one cluster-wide list" : "one GET per namespace (orphaned Secrets not looked for)")}"
                    : $"<span class=\"error\">not read: {E(cluster.Error)}</span>")
                .Append("</p>");
            if (cluster.Namespaces.Count > 0)
            {
                html.Append("<table><thead><tr><th>namespace</th><th>verdict</th><th>age</th><th>expires at</th><th>registries</th><th>service accounts</th><th>detail</th></tr></thead><tbody>");
                foreach (var ns in cluster.Namespaces)
                {
                    var word = ns.Verdict is { } v ? Words.Of(v) : "unread";
                    html.Append("<tr><td>").Append(E(ns.Namespace)).Append("</td><td class=\"").Append(word).Append("\">").Append(word).Append("</td><td>")
                        .Append(ns.AgeSeconds is { } age ? DurationText.Short(TimeSpan.FromSeconds(age)) : "-").Append("</td><td>")
                        .Append(ns.ExpiresAt is { } expires ? E(Rfc3339.Format(expires)) : "-").Append("</td><td>")
                        .Append(ns.Registries.Count > 0 ? E(string.Join(", ", ns.Registries)) : "-").Append("</td><td>")
                        .Append(ns.ServiceAccounts.Count > 0 ? E(string.Join(", ", ns.ServiceAccounts.Select(a => $"{a.Name}: {Words.Of(a.Entry)}"))) : "-").Append("</td><td>")
                        .Append(E(string.Join("; ", new[] { ns.Error, ns.Detail }.Where(d => !string.IsNullOrEmpty(d))))).Append("</td></tr>");
                }

                html.Append("</tbody></table>");
            }

            html.Append("</section>\n");
        }

        return html.Append("</body></html>\n").ToString();
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);
}
