using System.Net;

namespace DumpDist.Core.Configuration;

/// <summary>One serving host (<c>hosts[]</c>). Every host runs every configured service; <c>services.*.active</c> says where clients go.</summary>
public sealed record HostConfig
{
    /// <summary>Unique host name (<c>name</c>, required), used by <c>--host</c> and <c>active</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The address clients reach the host's public services on (<c>public_address</c>, required, IPv4 or IPv6).</summary>
    public required IPAddress PublicAddress { get; init; }

    /// <summary>
    /// The address every public service of this host binds to (<c>listen_address</c>, optional), instead of the address in
    /// each service's listen URL. Lets two or more nodes share one machine on the same ports. Use <see cref="Bind"/> and
    /// <see cref="BindAddress"/> rather than reading it directly.
    /// </summary>
    public IPAddress? ListenAddress { get; init; }

    /// <summary>Where the host's admin API listens (<c>admin_address</c>, required, <c>host:port</c>).</summary>
    public required HostPort AdminAddress { get; init; }

    /// <summary>Absolute directory holding the served tree (<c>root</c>, required).</summary>
    public required string Root { get; init; }

    /// <summary>Absolute directory for local state (SQLite, locks) (<c>state_dir</c>, default <c>/var/lib/dumpdist</c>).</summary>
    public string StateDir { get; init; } = "/var/lib/dumpdist";

    /// <summary>
    /// The URL a service of this host actually listens on: <paramref name="listen"/> with its host replaced by
    /// <see cref="ListenAddress"/> when that is set, else <paramref name="listen"/> unchanged.
    /// </summary>
    public Uri Bind(Uri listen)
    {
        ArgumentNullException.ThrowIfNull(listen);
        if (ListenAddress is not { } address)
        {
            return listen;
        }

        // UriBuilder brackets an IPv6 literal itself.
        return new UriBuilder(listen) { Host = address.ToString() }.Uri;
    }

    /// <summary>The address a service without a listen URL (the rsync daemon, the NFS server) binds to: <see cref="ListenAddress"/>, else <paramref name="fallback"/>.</summary>
    public IPAddress BindAddress(IPAddress fallback) => ListenAddress ?? fallback;
}
