namespace DumpDist.Core.Configuration;

/// <summary>The four services (<c>services</c>); all four are required.</summary>
public sealed record ServicesConfig
{
    /// <summary>HTTP downloads (<c>services.web</c>).</summary>
    public required WebServiceConfig Web { get; init; }

    /// <summary>The mirror rsync daemon (<c>services.rsync</c>).</summary>
    public required RsyncServiceConfig Rsync { get; init; }

    /// <summary>NFS for the cloud networks (<c>services.nfs-vps</c>).</summary>
    public required NfsServiceConfig NfsVps { get; init; }

    /// <summary>NFS for the analytics hosts (<c>services.nfs-analytics</c>).</summary>
    public required NfsServiceConfig NfsAnalytics { get; init; }

    /// <summary>The settings of <paramref name="kind"/>.</summary>
    public ServiceConfig Get(ServiceKind kind) => kind switch
    {
        ServiceKind.Web => Web,
        ServiceKind.Rsync => Rsync,
        ServiceKind.NfsVps => NfsVps,
        ServiceKind.NfsAnalytics => NfsAnalytics,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
