namespace DumpDist.Core.Configuration;

/// <summary>
/// The whole cluster file, the same on every host: where data comes from, what is served,
/// which hosts exist and which of them is active for each service.
/// Loaded and validated by <see cref="ClusterConfigLoader"/>; a loaded instance is always valid.
/// </summary>
public sealed record ClusterConfig
{
    /// <summary>Default source for every dataset (<c>source</c>).</summary>
    public required SourceConfig Source { get; init; }

    /// <summary>The datasets pulled and served (<c>datasets</c>), in file order.</summary>
    public required IReadOnlyList<DatasetConfig> Datasets { get; init; }

    /// <summary>The serving hosts (<c>hosts</c>), in file order.</summary>
    public required IReadOnlyList<HostConfig> Hosts { get; init; }

    /// <summary>The configured services and their default active hosts (<c>services</c>; any of them may be absent).</summary>
    public ServicesConfig Services { get; init; } = new();

    /// <summary>The admin API: tokens, TLS, timeouts of CLI and peer calls (<c>admin</c>).</summary>
    public AdminConfig Admin { get; init; } = new();

    /// <summary>Where the runtime assignments live and how often nodes refresh them (<c>assignments</c>).</summary>
    public AssignmentsConfig Assignments { get; init; } = new();

    /// <summary>Web download quality-of-service limits (<c>qos</c>).</summary>
    public QosConfig Qos { get; init; } = new();

    /// <summary>How many runs or how much age each host keeps (<c>retention</c>).</summary>
    public RetentionConfig Retention { get; init; } = new();

    /// <summary>The mirror registry (<c>mirrors</c>).</summary>
    public IReadOnlyList<MirrorConfig> Mirrors { get; init; } = [];

    /// <summary>The host named <paramref name="name"/> (ordinal match), or null.</summary>
    public HostConfig? FindHost(string name) =>
        Hosts.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.Ordinal));

    /// <summary>Position of host <paramref name="name"/> in <c>hosts</c> (for <see cref="ScheduleConfig.OffsetFor"/>), or -1.</summary>
    public int HostIndex(string name)
    {
        for (var i = 0; i < Hosts.Count; i++)
        {
            if (string.Equals(Hosts[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The dataset named <paramref name="name"/> (ordinal match), or null.</summary>
    public DatasetConfig? FindDataset(string name) =>
        Datasets.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.Ordinal));

    /// <summary>The mirror named <paramref name="name"/> (ordinal match), or null.</summary>
    public MirrorConfig? FindMirror(string name) =>
        Mirrors.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.Ordinal));

    /// <summary>The default active host of <paramref name="service"/>, or null when the service is not configured.</summary>
    /// <exception cref="InvalidOperationException">Never for a loaded config (the loader checks every <c>active</c>).</exception>
    public HostConfig? ActiveHost(ServiceKind service) =>
        Services.Get(service) is { } configured
            ? FindHost(configured.Active) ?? throw new InvalidOperationException($"services.{service.ToConfigName()}.active names no host")
            : null;

    /// <summary>The configured services whose default active host is <paramref name="hostName"/>, in <see cref="ServiceKinds.All"/> order.</summary>
    public IReadOnlyList<ServiceKind> ServicesActiveOn(string hostName) =>
        Services.Configured.Where(s => string.Equals(Services.Get(s)!.Active, hostName, StringComparison.Ordinal)).ToArray();
}
