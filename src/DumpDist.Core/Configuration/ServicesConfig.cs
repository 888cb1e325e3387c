namespace DumpDist.Core.Configuration;

/// <summary>
/// The client-facing services (<c>services</c>). Each is optional: a site that does not run a service leaves it out,
/// and a host that only syncs may have no services at all.
/// </summary>
public sealed record ServicesConfig
{
    /// <summary>HTTP downloads (<c>services.web</c>), or null when not configured.</summary>
    public WebServiceConfig? Web { get; init; }

    /// <summary>The mirror rsync daemon (<c>services.rsync</c>), or null when not configured.</summary>
    public RsyncServiceConfig? Rsync { get; init; }

    /// <summary>NFS for the cloud networks (<c>services.nfs-vps</c>), or null when not configured.</summary>
    public NfsServiceConfig? NfsVps { get; init; }

    /// <summary>NFS for the analytics hosts (<c>services.nfs-analytics</c>), or null when not configured.</summary>
    public NfsServiceConfig? NfsAnalytics { get; init; }

    /// <summary>The configured services, in the stable order of <see cref="ServiceKinds.All"/>.</summary>
    public IReadOnlyList<ServiceKind> Configured => ServiceKinds.All.Where(k => Get(k) is not null).ToArray();

    /// <summary>The settings of <paramref name="kind"/>, or null when the cluster file does not configure it.</summary>
    public ServiceConfig? Get(ServiceKind kind) => kind switch
    {
        ServiceKind.Web => Web,
        ServiceKind.Rsync => Rsync,
        ServiceKind.NfsVps => NfsVps,
        ServiceKind.NfsAnalytics => NfsAnalytics,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
