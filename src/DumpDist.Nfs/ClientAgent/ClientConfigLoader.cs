using DumpDist.Core.Configuration.Reading;
using DumpDist.Core.Configuration;
using DumpDist.Nfs.Probe;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DumpDist.Nfs.ClientAgent;

/// <summary>
/// Loads the client agent's file (docs/nfs.md): which NFS service this host uses, where the
/// servers are mounted, which links to manage, and the path of the cluster file that names the
/// servers, their admin APIs and the default active host. Every error is reported with its position.
/// </summary>
public static class ClientConfigLoader
{
    private static readonly string[] Keys =
        ["cluster", "service", "mount_dir", "mount", "links", "canary", "hysteresis", "interval", "probe_timeout", "stat_timeout", "admin_timeout", "state_file", "admin_token_file", "metrics_file"];

    /// <summary>Loads <paramref name="path"/> and the cluster file it names.</summary>
    public static ClientConfigLoadResult Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail($"{path}: error: cannot read: {ex.Message}");
        }

        var errors = new List<string>();
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode mapping)
            {
                return Fail($"{path}: error: expected a mapping of client settings");
            }

            root = mapping;
        }
        catch (YamlException ex)
        {
            return Fail($"{path}:{ex.Start.Line}:{ex.Start.Column}: error: {ex.InnerException?.Message ?? ex.Message}");
        }

        string Error(YamlNode node, string message) => $"{path}:{node.Start.Line}:{node.Start.Column}: error: {message}";
        var values = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in root.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            if (!Keys.Contains(key))
            {
                errors.Add(Error(keyNode, $"unknown key '{key}' (known: {string.Join(", ", Keys)})"));
            }
            else
            {
                values[key] = value;
            }
        }

        string? Scalar(string key, bool required)
        {
            if (!values.TryGetValue(key, out var node))
            {
                if (required)
                {
                    errors.Add($"{path}: error: '{key}' is required");
                }

                return null;
            }

            if (node is YamlScalarNode scalar)
            {
                return scalar.Value ?? string.Empty;
            }

            errors.Add(Error(node, $"'{key}' must be a single value"));
            return null;
        }

        TimeSpan Duration(string key, TimeSpan fallback)
        {
            var value = Scalar(key, false);
            if (value is null)
            {
                return fallback;
            }

            if (DurationParser.TryParse(value, out var parsed) && parsed > TimeSpan.Zero)
            {
                return parsed;
            }

            errors.Add(Error(values[key], $"'{key}': '{value}' is not a duration (e.g. 30s, 10m, 1h)"));
            return fallback;
        }

        string AbsolutePath(string key, string? value)
        {
            if (value is not null && !Path.IsPathRooted(value))
            {
                errors.Add(Error(values[key], $"'{key}' must be an absolute path, got '{value}'"));
            }

            return value ?? string.Empty;
        }

        var clusterText = Scalar("cluster", true);
        var serviceText = Scalar("service", true);
        var mountDir = AbsolutePath("mount_dir", Scalar("mount_dir", false) ?? "/mnt/nfs");
        var mountText = Scalar("mount", false) ?? "true";
        if (mountText is not ("true" or "false"))
        {
            errors.Add(Error(values["mount"], $"'mount' must be true or false, got '{mountText}'"));
        }

        var links = ReadLinks(values, errors, Error, path);
        var canary = Scalar("canary", false) ?? string.Empty;
        if (Path.IsPathRooted(canary) || canary.Split('/').Contains(".."))
        {
            errors.Add(Error(values["canary"], $"'canary' must be a path inside the mount, got '{canary}'"));
        }

        var hysteresis = Duration("hysteresis", TimeSpan.FromMinutes(10));
        var interval = Duration("interval", TimeSpan.FromSeconds(30));
        var probeTimeout = Duration("probe_timeout", TimeSpan.FromSeconds(5));
        var statTimeout = Duration("stat_timeout", TimeSpan.FromSeconds(5));
        var adminTimeout = Duration("admin_timeout", TimeSpan.FromSeconds(3));
        var tokenFile = Scalar("admin_token_file", false);
        string? token = null;
        if (tokenFile is not null)
        {
            try
            {
                token = File.ReadAllText(tokenFile).Trim();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                errors.Add(Error(values["admin_token_file"], $"'admin_token_file': cannot read {tokenFile}: {ex.Message}"));
            }
        }

        ServiceKind kind = default;
        if (serviceText is not null && (!ServiceKinds.TryParse(serviceText, out kind) || kind is not (ServiceKind.NfsVps or ServiceKind.NfsAnalytics)))
        {
            errors.Add(Error(values["service"], $"'service' must be nfs-vps or nfs-analytics, got '{serviceText}'"));
        }

        if (errors.Count > 0 || clusterText is null || serviceText is null)
        {
            return new ClientConfigLoadResult(null, errors);
        }

        var clusterPath = Path.IsPathRooted(clusterText) ? clusterText : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, clusterText);
        var cluster = ClusterConfigLoader.Load(clusterPath);
        if (!cluster.Success)
        {
            return new ClientConfigLoadResult(null, [.. cluster.Errors.Select(e => e.ToString()), $"{path}: error: 'cluster': {clusterPath} has errors"]);
        }

        var service = (NfsServiceConfig)cluster.Config.Services.Get(kind);
        var options = new ClientAgentOptions
        {
            Service = serviceText,
            Servers = cluster.Config.Hosts
                .Select(h => new ServerTarget(h.Name, new NfsEndpoint(h.PublicAddress.ToString(), service.Port), Path.Combine(mountDir, $"dumps-{h.Name}")))
                .ToList(),
            DefaultActive = service.Active,
            Links = links,
            AdminEndpoints = cluster.Config.Hosts.Select(h => new Uri($"http://{h.AdminAddress}/")).ToList(),
            AdminToken = token,
            CanaryPath = canary,
            Hysteresis = hysteresis,
            Interval = interval,
            ProbeTimeout = probeTimeout,
            StatTimeout = statTimeout,
            AdminTimeout = adminTimeout,
            StateFile = AbsolutePath("state_file", Scalar("state_file", false) ?? $"/var/lib/dumpdist/client-{serviceText}.json"),
            Mount = mountText == "true",
            MetricsFile = Scalar("metrics_file", false) is { } metricsFile ? AbsolutePath("metrics_file", metricsFile) : null,
        };
        return new ClientConfigLoadResult(errors.Count == 0 ? options : null, errors);
    }

    private static List<LinkSpec> ReadLinks(Dictionary<string, YamlNode> values, List<string> errors, Func<YamlNode, string, string> error, string path)
    {
        var links = new List<LinkSpec>();
        if (!values.TryGetValue("links", out var node))
        {
            errors.Add($"{path}: error: 'links' is required (e.g. - link: /public/dumps)");
            return links;
        }

        if (node is not YamlSequenceNode sequence || sequence.Children.Count == 0)
        {
            errors.Add(error(node, "'links' must be a non-empty list of {link, target}"));
            return links;
        }

        foreach (var item in sequence.Children)
        {
            if (item is not YamlMappingNode mapping)
            {
                errors.Add(error(item, "each of 'links' must be a mapping with 'link' and optional 'target'"));
                continue;
            }

            string? link = null;
            var target = string.Empty;
            foreach (var (k, v) in mapping.Children)
            {
                var key = (k as YamlScalarNode)?.Value;
                var value = (v as YamlScalarNode)?.Value ?? string.Empty;
                switch (key)
                {
                    case "link" when Path.IsPathRooted(value):
                        link = value;
                        break;
                    case "link":
                        errors.Add(error(v, $"'link' must be an absolute path, got '{value}'"));
                        link = string.Empty;
                        break;
                    case "target" when !Path.IsPathRooted(value) && !value.Split('/').Contains(".."):
                        target = value;
                        break;
                    case "target":
                        errors.Add(error(v, $"'target' must be a path inside the mount, got '{value}'"));
                        break;
                    default:
                        errors.Add(error(k, $"unknown key '{key}' in links (known: link, target)"));
                        break;
                }
            }

            if (link is null)
            {
                errors.Add(error(item, "'link' is required"));
            }
            else if (link.Length > 0)
            {
                links.Add(new LinkSpec(link, target));
            }
        }

        return links;
    }

    private static ClientConfigLoadResult Fail(string error) => new(null, [error]);
}
