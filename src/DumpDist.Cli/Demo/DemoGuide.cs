using System.Globalization;
using System.Text;

namespace DumpDist.Cli.Demo;

/// <summary>What the demo prints once it serves: what to open, what to run, how to stop.</summary>
internal static class DemoGuide
{
    /// <summary>The line a script or test waits for; the guide above it is complete when it appears.</summary>
    public const string ReadyPrefix = "dumpdist demo: ready in ";

    public static string Render(DemoLayout layout, DemoPrograms programs, DemoSample sample, TimeSpan elapsed, bool removeAtEnd, IReadOnlyList<string> warnings)
    {
        var dumpdist = DumpDistExecutable.ForPeople();
        var a = layout.AddressOf("a");
        var b = layout.AddressOf("b");
        var config = layout.ConfigPath;
        var text = new StringBuilder();
        void Line(string label, string value) => text.Append("  ").Append(label.PadRight(15)).Append(value).Append('\n');

        text.Append('\n');
        text.Append($"Two serving hosts, a ({a}) and b ({b}), each pulled its own copy from the generation source {layout.SourceUrl}\n");
        text.Append("and serves it. Open and try:\n\n");
        Line("download site", $"{layout.Web("a")}  (host a, active for web)");
        Line(string.Empty, $"{layout.Web("b")}  (host b, its own copy of the same tree)");
        Line("a file", $"curl -O {layout.Web("a", sample.WebPath)}");
        Line("status page", $"{layout.Web("a", "status")}  (hosts, services, who is active; also /status.json)");
        Line("mirrors page", $"{layout.Web(DemoLayout.MirrorsHost, "mirrors.html")}  (on b, where mirrors pull from; the registry's one mirror is b's own web)");
        Line("metrics", $"curl -H \"Authorization: Bearer $(cat {layout.TokenPath})\" {layout.Admin("a", "metrics")}");
        Line("health", $"curl {layout.Admin("a", "healthz/web")}   (200 on the host clients are sent to, 503 on the other)");
        Line("rsync modules", $"rsync rsync://{b}:{layout.RsyncPort}/   then   rsync -r rsync://{b}:{layout.RsyncPort}/last-1-good/  (b is active for rsync)");
        if (programs.Nfs)
        {
            Line("NFS", $"{dumpdist} nfs probe {a}:{layout.NfsPort}   or mount: mount -t nfs4 -o ro,port={layout.NfsPort} {a}:/ /mnt (package nfs-common)");
        }
        else
        {
            Line("NFS", $"not running: {programs.GaneshaMissing}");
        }

        Line("fail over", $"{dumpdist} failover --config {config} --service web --to b --reason \"trying the demo\"");
        Line("then", $"{dumpdist} status --config {config}   (or reload the status page; fail back with --to a)");
        Line("cluster file", $"{config}  (edits apply without a restart)");
        Line("node logs", $"{layout.NodeLog("a")}  {layout.NodeLog("b")}");
        text.Append('\n');
        foreach (var warning in warnings)
        {
            text.Append("warning: ").Append(warning).Append('\n');
        }

        text.Append(removeAtEnd
            ? $"Stop with Ctrl-C: stops both hosts and the source and removes {layout.Directory}.\n"
            : $"Stop with Ctrl-C: stops both hosts and the source; {layout.Directory} is kept.\n");
        text.Append(ReadyPrefix).Append(elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)).Append(" s\n");
        return text.ToString();
    }
}
