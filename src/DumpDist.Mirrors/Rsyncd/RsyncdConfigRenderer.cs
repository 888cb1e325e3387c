using System.Globalization;
using System.Text;
using DumpDist.Mirrors.Modules;

namespace DumpDist.Mirrors.Rsyncd;

/// <summary>Renders rsyncd.conf: global read-only defaults, then the "last N good", "other" and "all" modules.</summary>
internal static class RsyncdConfigRenderer
{
    /// <summary>
    /// The transfer log line after rsyncd's "date time [pid]" prefix: operation, client address,
    /// module, file length, bytes sent, file name (last, as it may hold spaces).
    /// </summary>
    public const string TransferLogFormat = "xfer %o %a %m %l %b %f";

    /// <summary>
    /// The config text for <paramref name="settings"/>. <paramref name="asRoot"/>: the daemon is started by root,
    /// so it is told whom to serve as (<c>uid</c>/<c>gid</c>); a daemon started by another user cannot switch and
    /// gets neither (rsyncd would refuse every connection trying).
    /// </summary>
    public static string Render(RsyncdSettings settings, RsyncdPaths paths, bool asRoot)
    {
        var text = new StringBuilder();
        text.Append("# Written by dumpdist node from the cluster file; rsyncd reads it for each new connection.\n");
        Line(text, "use chroot", "no");
        Line(text, "pid file", paths.PidFile);
        Line(text, "log file", paths.LogFile);
        Line(text, "lock file", paths.LockFile);
        if (asRoot)
        {
            Line(text, "uid", settings.User);
            Line(text, "gid", settings.Group);
        }

        if (settings.ProxyProtocol)
        {
            // Only the balancer connects; its PROXY header names the mirror, which hosts allow then checks.
            Line(text, "proxy protocol", "yes");
            if (settings.ProxyProtocolHosts.Count > 0)
            {
                Line(text, "proxy protocol hosts", string.Join(' ', settings.ProxyProtocolHosts));
            }
        }

        Line(text, "max connections", settings.MaxConnections.ToString(CultureInfo.InvariantCulture));
        Line(text, "timeout", settings.TimeoutSeconds.ToString(CultureInfo.InvariantCulture));
        Line(text, "read only", "yes");
        Line(text, "write only", "no");
        Line(text, "list", "yes");
        Line(text, "numeric ids", "yes");
        Line(text, "reverse lookup", "no");
        Line(text, "munge symlinks", "no");
        Line(text, "refuse options", string.Join(' ', settings.RefuseOptions));
        Line(text, "dont compress", "*");
        Line(text, "transfer logging", "yes");
        Line(text, "log format", TransferLogFormat);
        if (settings.HostsAllow.Count > 0)
        {
            Line(text, "hosts allow", string.Join(' ', settings.HostsAllow));
        }

        // Without this, an empty allow list would let everyone in.
        Line(text, "hosts deny", "*");
        foreach (var runs in settings.KeepRuns)
        {
            var noun = runs == 1 ? "run" : "runs";
            Module(text, MirrorModules.LastGood(runs), settings.PublicDirectory, paths.RulesFile(MirrorModules.LastGood(runs)), string.Create(CultureInfo.InvariantCulture, $"the last {runs} good {noun} of every wiki"));
        }

        Module(text, MirrorModules.Other, Path.Combine(settings.PublicDirectory, Core.Tree.DumpTree.OtherDirectoryName), paths.RulesFile("common"), "the other datasets");
        Module(text, MirrorModules.All, settings.PublicDirectory, paths.RulesFile("common"), "everything published");
        return text.ToString();
    }

    private static void Module(StringBuilder text, string name, string path, string rules, string comment)
    {
        text.Append('\n').Append('[').Append(name).Append("]\n");
        Line(text, "    path", path);
        Line(text, "    comment", comment);
        Line(text, "    exclude from", rules);
    }

    private static void Line(StringBuilder text, string key, string value) => text.Append(key).Append(" = ").Append(value).Append('\n');
}
