using DumpDist.Core.Cluster;
using DumpDist.Core.Configuration;
using DumpDist.Core.Configuration.Reading;
using DumpDist.Nfs.Probe;

namespace DumpDist.Nfs.ClientAgent;

/// <summary>
/// Loads the client agent's file (docs/nfs.md): which NFS service this host uses, where the
/// servers are mounted, which links to manage, and the path of the cluster file that names the
/// servers, their admin APIs and the default active host. Read with the cluster file's positioned
/// reader: every error comes back as <c>FILE:LINE:COL: error: ...</c>, unknown keys with a suggestion.
/// </summary>
public static class ClientConfigLoader
{
    private static readonly string[] Keys =
    [
        "cluster", "service", "mount_dir", "mount", "links", "canary", "hysteresis", "interval", "probe_timeout",
        "stat_timeout", "admin_timeout", "state_file", "admin_token_file", "metrics_file",
    ];

    private static readonly string[] LinkKeys = ["link", "target"];

    private static readonly ScalarParser<ServiceKind> NfsServices =
        Scalars.Enum(("nfs-vps", ServiceKind.NfsVps), ("nfs-analytics", ServiceKind.NfsAnalytics));

    /// <summary>Loads <paramref name="path"/> and the cluster file it names.</summary>
    public static ClientConfigLoadResult Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            var why = e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.Message;
            return new ClientConfigLoadResult(null, [new ConfigError(path, 0, 0, $"cannot read the client file: {why}").ToString()]);
        }

        var errors = new ConfigErrors(path);
        var documents = YamlTreeReader.Read(text, errors);
        if (documents is null)
        {
            return Failed(errors);
        }

        if (documents.Count == 0 || NodeReader.IsNull(documents[0]))
        {
            errors.AddWholeFile("the client file is empty");
            return Failed(errors);
        }

        if (documents.Count > 1)
        {
            errors.Add(documents[1].Start, $"expected one YAML document, found {documents.Count}");
        }

        var reader = new NodeReader(errors, new ConfigPositions());
        var root = reader.Mapping(documents[0], string.Empty, Keys);
        return root is null ? Failed(errors) : Bind(path, root);
    }

    private static ClientConfigLoadResult Bind(string path, MappingReader root)
    {
        var reader = root.Reader;
        var clusterText = root.ParseObject<string>("cluster", Scalars.Text, required: true);
        var service = root.Parse("service", NfsServices, required: true);
        var mountDir = root.ParseObject<string>("mount_dir", Scalars.AbsolutePath) ?? "/mnt/nfs";
        var mount = root.Parse<bool>("mount", Scalars.Bool) ?? true;
        var links = BindLinks(root);
        var canary = root.ParseObject<string>("canary", InsideMount) ?? string.Empty;
        var hysteresis = Positive(root, "hysteresis") ?? TimeSpan.FromMinutes(10);
        var interval = Positive(root, "interval") ?? TimeSpan.FromSeconds(30);
        var probeTimeout = Positive(root, "probe_timeout") ?? TimeSpan.FromSeconds(5);
        var statTimeout = Positive(root, "stat_timeout") ?? TimeSpan.FromSeconds(5);
        var adminTimeout = Positive(root, "admin_timeout") ?? TimeSpan.FromSeconds(3);
        var stateFile = root.ParseObject<string>("state_file", Scalars.AbsolutePath);
        var metricsFile = root.ParseObject<string>("metrics_file", Scalars.AbsolutePath);
        var tokenFile = root.ParseObject<string>("admin_token_file", Scalars.AbsolutePath);
        string? token = null;
        if (tokenFile is not null)
        {
            if (AdminTokenFile.TryRead(tokenFile, out var read, out var problem))
            {
                token = read;
            }
            else
            {
                reader.Error(reader.Positions.Of("admin_token_file"), "admin_token_file", problem);
            }
        }

        if (reader.Errors.Count > 0 || clusterText is null || service is not { } kind)
        {
            return Failed(reader.Errors);
        }

        var clusterPath = Path.IsPathRooted(clusterText) ? clusterText : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, clusterText);
        var cluster = ClusterConfigLoader.Load(clusterPath);
        if (!cluster.Success)
        {
            var count = cluster.Errors.Count;
            reader.Error(reader.Positions.Of("cluster"), "cluster", $"{clusterPath} has {count} error{(count == 1 ? string.Empty : "s")}");
            return new ClientConfigLoadResult(null, [.. cluster.Errors.Select(e => e.ToString()), .. reader.Errors.Sorted().Select(e => e.ToString())]);
        }

        if (cluster.Config.Services.Get(kind) is not NfsServiceConfig nfs)
        {
            var configured = cluster.Config.Services.Configured;
            var there = configured.Count == 0 ? "it configures no services" : $"it configures {string.Join(", ", configured.Select(k => k.ToConfigName()))}";
            reader.Error(reader.Positions.Of("service"), "service", $"'{kind.ToConfigName()}' is not configured in {clusterPath} ({there})");
            return Failed(reader.Errors);
        }

        var serviceName = kind.ToConfigName();
        var options = new ClientAgentOptions
        {
            Service = serviceName,
            Servers = cluster.Config.Hosts
                .Select(h => new ServerTarget(h.Name, new NfsEndpoint(h.PublicAddress.ToString(), nfs.Port), Path.Combine(mountDir, $"dumps-{h.Name}")))
                .ToList(),
            DefaultActive = nfs.Active,
            Links = links,
            AdminEndpoints = cluster.Config.Hosts.Select(h => AdminTransport.BaseAddressOf(cluster.Config.Admin, h)).ToList(),
            AdminCertificateAuthority = cluster.Config.Admin.Ca,
            AdminToken = token,
            CanaryPath = canary,
            Hysteresis = hysteresis,
            Interval = interval,
            ProbeTimeout = probeTimeout,
            StatTimeout = statTimeout,
            AdminTimeout = adminTimeout,
            StateFile = stateFile ?? $"/var/lib/dumpdist/client-{serviceName}.json",
            Mount = mount,
            MetricsFile = metricsFile,
        };
        return new ClientConfigLoadResult(options, []);
    }

    private static List<LinkSpec> BindLinks(MappingReader root)
    {
        var reader = root.Reader;
        var links = new List<LinkSpec>();
        var items = root.Sequence("links", required: true);
        if (items is null)
        {
            return links;
        }

        if (items.Count == 0 && root.Value("links") is SequenceNode)
        {
            reader.Error(reader.Positions.Of("links"), "links", "at least one link is required (e.g. - link: /public/dumps)");
        }

        foreach (var (node, path) in items)
        {
            var map = reader.Mapping(node, path, LinkKeys);
            var link = map?.ParseObject<string>("link", Scalars.AbsolutePath, required: true);
            var target = map?.ParseObject<string>("target", InsideMount);
            if (link is not null)
            {
                links.Add(new LinkSpec(link, target ?? string.Empty));
            }
        }

        return links;
    }

    /// <summary>A duration longer than zero; null when absent or bad (reported).</summary>
    private static TimeSpan? Positive(MappingReader map, string key)
    {
        var value = map.Parse<TimeSpan>(key, Scalars.Duration);
        if (value == TimeSpan.Zero)
        {
            map.Reader.Error(map.Reader.Positions.Of(map.PathOf(key)), map.PathOf(key), "must be longer than 0s");
            return null;
        }

        return value;
    }

    /// <summary>A path inside a mount: relative, no <c>..</c> segment.</summary>
    private static string? InsideMount(string text, out string value)
    {
        value = text;
        return text.StartsWith('/') || text.Split('/').Contains("..")
            ? $"expected a path inside the mount (no leading '/', no '..'), got '{text}'"
            : null;
    }

    private static ClientConfigLoadResult Failed(ConfigErrors errors) => new(null, errors.Sorted().Select(e => e.ToString()).ToArray());
}
