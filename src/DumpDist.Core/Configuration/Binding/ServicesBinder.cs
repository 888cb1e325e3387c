using DumpDist.Core.Configuration.Reading;
using DumpDist.Core.Configuration.Rules;

namespace DumpDist.Core.Configuration.Binding;

/// <summary>Binds <c>services</c> (optional): each service is optional, and a configured one needs an <c>active</c> host.</summary>
internal static class ServicesBinder
{
    public static readonly string[] Keys = ["web", "rsync", "nfs-vps", "nfs-analytics"];

    private static readonly string[] RsyncKeys = ["active", "port", "max_connections", "bwlimit", "keep_runs", "proxy_protocol", "uid", "gid", "torrent_min_size", "mirror_check_interval"];
    private static readonly string[] NfsKeys = ["active", "port", "clients"];

    public static ServicesConfig Bind(MappingReader root)
    {
        var map = root.Mapping("services", Keys);
        if (map is null)
        {
            return new ServicesConfig();
        }

        var web = map.Mapping("web", WebServiceBinder.Keys);
        var rsync = map.Mapping("rsync", RsyncKeys);
        var nfsVps = map.Mapping("nfs-vps", NfsKeys);
        var nfsAnalytics = map.Mapping("nfs-analytics", NfsKeys);
        return new ServicesConfig
        {
            Web = web is null ? null : WebServiceBinder.Bind(web),
            Rsync = rsync is null ? null : BindRsync(rsync),
            NfsVps = nfsVps is null ? null : BindNfs(nfsVps, ServiceKind.NfsVps),
            NfsAnalytics = nfsAnalytics is null ? null : BindNfs(nfsAnalytics, ServiceKind.NfsAnalytics),
        };
    }

    private static RsyncServiceConfig BindRsync(MappingReader map)
    {
        var defaults = new RsyncServiceConfig { Active = string.Empty };
        var keepRuns = map.List("keep_runs", Scalars.Count(1));
        if (keepRuns is not null)
        {
            ReportDuplicates(map, "keep_runs", keepRuns);
        }

        return new RsyncServiceConfig
        {
            Active = Active(map),
            Port = map.Parse("port", Scalars.Port) ?? defaults.Port,
            MaxConnections = map.Parse("max_connections", Scalars.Count()) ?? defaults.MaxConnections,
            BandwidthLimitKiB = map.Parse("bwlimit", Scalars.Size(1024)) ?? defaults.BandwidthLimitKiB,
            KeepRuns = keepRuns ?? defaults.KeepRuns,
            ProxyProtocol = map.Parse<bool>("proxy_protocol", Scalars.Bool) ?? defaults.ProxyProtocol,
            TorrentMinimumSize = map.Parse("torrent_min_size", Scalars.Size(1)) ?? defaults.TorrentMinimumSize,
            MirrorCheckInterval = PositiveDuration(map, "mirror_check_interval") ?? defaults.MirrorCheckInterval,
            User = map.ParseObject<string>("uid", Account) ?? defaults.User,
            Group = map.ParseObject<string>("gid", Account) ?? defaults.Group,
        };
    }

    private static TimeSpan? PositiveDuration(MappingReader map, string key)
    {
        var value = map.Parse<TimeSpan>(key, Scalars.Duration);
        if (value is { } duration && duration <= TimeSpan.Zero)
        {
            map.Reader.Error(map.Reader.Positions.Of(map.PathOf(key)), map.PathOf(key), "must be longer than 0s");
            return null;
        }

        return value;
    }

    /// <summary>A user or group name (or number) as rsyncd.conf takes it: one word, no '=' or '#'.</summary>
    private static string? Account(string text, out string value)
    {
        value = text;
        return text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')
            ? null
            : $"expected a user or group name such as nobody, got '{text}'";
    }

    private static NfsServiceConfig BindNfs(MappingReader map, ServiceKind kind)
    {
        var clients = map.ListWithPaths<NfsClient>("clients", NfsClients.Parse) ?? [];
        NfsClientsRule.Check(map.Reader, clients);
        return new NfsServiceConfig
        {
            Active = Active(map),
            Service = kind,
            Port = map.Parse("port", Scalars.Port) ?? 2049,
            Clients = clients.Select(c => c.Value).ToArray(),
        };
    }

    internal static string Active(MappingReader map) =>
        map.ParseObject<string>("active", Scalars.Name, required: true) ?? string.Empty;

    private static void ReportDuplicates(MappingReader map, string key, IReadOnlyList<int> values)
    {
        var seen = new HashSet<int>();
        for (var i = 0; i < values.Count; i++)
        {
            if (!seen.Add(values[i]))
            {
                var path = $"{map.PathOf(key)}[{i}]";
                map.Reader.Error(map.Reader.Positions.Of(path), path, $"{values[i]} is listed twice");
            }
        }
    }
}
