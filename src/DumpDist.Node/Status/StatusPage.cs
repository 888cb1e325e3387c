using System.Net;
using System.Text;
using System.Text.Json;
using DumpDist.Core.Cluster;
using DumpDist.Core.Formatting;
using DumpDist.Core.Pages;
using DumpDist.Node.Health;
using DumpDist.Web.Hosting;

namespace DumpDist.Node.Status;

/// <summary>
/// <c>/status</c> and <c>/status.json</c> on the public web: every host, every service, who is
/// active, health, sync freshness, drain state, from this node and the last look at its peers.
/// Nothing secret: no tokens, no admin addresses.
/// </summary>
/// <remarks>The state builder is resolved on first use: the web (which serves this page) is itself one of the services the state describes.</remarks>
internal sealed class StatusPage(Lazy<NodeStateBuilder> self, PeerStateMonitor peers, TimeProvider time) : IStatusPage
{
    public Task<byte[]> RenderAsync(bool json, CancellationToken cancellationToken)
    {
        var mine = self.Value.Build();
        var hosts = new List<(string Host, NodeState? State, string? Error)> { (mine.Host, mine, null) };
        hosts.AddRange(peers.Last.Values.OrderBy(p => p.Host, StringComparer.Ordinal).Select(p => (p.Host, p.State, p.Error)));
        return Task.FromResult(json ? Json(mine, hosts) : Html(mine, hosts));
    }

    private static byte[] Json(NodeState mine, List<(string Host, NodeState? State, string? Error)> hosts)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("reported_by", mine.Host);
            writer.WriteString("now", Rfc3339.Format(mine.Now));
            writer.WritePropertyName("assignments");
            JsonSerializer.Serialize(writer, mine.Assignments, ClusterJsonContext.Default.AssignmentSet);
            writer.WriteStartArray("hosts");
            foreach (var (host, state, error) in hosts)
            {
                writer.WriteStartObject();
                writer.WriteString("host", host);
                writer.WriteBoolean("reachable", state is not null);
                if (error is not null)
                {
                    writer.WriteString("error", "unreachable");
                }

                if (state is not null)
                {
                    writer.WriteBoolean("draining", state.Draining);
                    writer.WritePropertyName("services");
                    JsonSerializer.Serialize(writer, state.Services, ClusterJsonContext.Default.IReadOnlyListServiceState);
                    writer.WritePropertyName("datasets");
                    JsonSerializer.Serialize(writer, state.Datasets, ClusterJsonContext.Default.IReadOnlyListDatasetState);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private byte[] Html(NodeState mine, List<(string Host, NodeState? State, string? Error)> hosts)
    {
        var now = time.GetUtcNow();
        var html = new StringBuilder();
        HtmlPage.AppendHead(html, "dumpdist status")
            .Append("<h1>dumpdist status</h1>")
            .Append("<p>Reported by <b>").Append(E(mine.Host)).Append("</b> at ").Append(E(now.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture)))
            .Append(", assignments epoch ").Append(mine.Assignments.Epoch).Append(".</p>");
        html.Append("<h2>Services</h2><table class=\"stack\"><thead><tr><th>Service</th><th>Active host</th></tr></thead><tbody>");
        foreach (var (service, host) in mine.Assignments.Services.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            html.Append("<tr><td><b>").Append(E(service)).Append("</b></td><td class=\"active\" data-label=\"Active host\">").Append(E(host)).Append("</td></tr>");
        }

        html.Append("</tbody></table><h2>Hosts</h2><table class=\"stack\"><thead><tr><th>Host</th><th>State</th><th>Services</th><th>Last good sync</th></tr></thead><tbody>");
        foreach (var (host, state, _) in hosts)
        {
            html.Append("<tr><td><b>").Append(E(host)).Append("</b></td>");
            if (state is null)
            {
                html.Append("<td data-label=\"State\"><span class=\"badge bad\">unreachable</span></td><td></td><td></td></tr>");
                continue;
            }

            html.Append("<td data-label=\"State\"><span class=\"badge ").Append(state.Draining ? "bad\">draining" : "ok\">up").Append("</span></td><td data-label=\"Services\">");
            foreach (var service in state.Services)
            {
                var css = service.Healthy ? "ok" : service.Working ? "standby" : "bad";
                var word = service.Healthy ? "active" : service.Working ? "standby" : "down";
                html.Append("<span class=\"").Append(css).Append("\">").Append(E(service.Name)).Append(": ").Append(word).Append("</span><br>");
            }

            html.Append("</td><td data-label=\"Last good sync\">");
            foreach (var dataset in state.Datasets)
            {
                html.Append(E(dataset.Name)).Append(": ").Append(dataset.LastGoodCompleted is { } done ? E(AgeText.Of(now - done)) + " ago" : "never").Append("<br>");
            }

            html.Append("</td></tr>");
        }

        html.Append("</tbody></table></body></html>\n");
        return Encoding.UTF8.GetBytes(html.ToString());
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
