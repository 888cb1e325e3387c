namespace DumpDist.Core.Configuration;

/// <summary>
/// An NFSv4 use case (<c>services.nfs-vps</c> or <c>services.nfs-analytics</c>): read-only export of the tree to its clients.
/// Both NFS services may share a port: one NFS server exports to both client groups.
/// </summary>
public sealed record NfsServiceConfig : ServiceConfig
{
    /// <summary>nfs-vps or nfs-analytics.</summary>
    public required ServiceKind Service { get; init; }

    /// <inheritdoc />
    public override ServiceKind Kind => Service;

    /// <summary>TCP port (<c>port</c>, default 2049; NFSv4 needs nothing else).</summary>
    public int Port { get; init; } = 2049;

    /// <summary>Who may mount (<c>clients</c>): networks in CIDR form or host names.</summary>
    public IReadOnlyList<NfsClient> Clients { get; init; } = [];
}
