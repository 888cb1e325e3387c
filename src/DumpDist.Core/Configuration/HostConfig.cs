using System.Net;

namespace DumpDist.Core.Configuration;

/// <summary>One serving host (<c>hosts[]</c>). Every host runs every service; <c>services.*.active</c> says where clients go.</summary>
public sealed record HostConfig
{
    /// <summary>Unique host name (<c>name</c>, required), used by <c>--host</c> and <c>active</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The address clients reach the host's public services on (<c>public_address</c>, required, IPv4 or IPv6).</summary>
    public required IPAddress PublicAddress { get; init; }

    /// <summary>Where the host's admin API listens (<c>admin_address</c>, required, <c>host:port</c>).</summary>
    public required HostPort AdminAddress { get; init; }

    /// <summary>Absolute directory holding the served tree (<c>root</c>, required).</summary>
    public required string Root { get; init; }

    /// <summary>Absolute directory for local state (SQLite, locks) (<c>state_dir</c>, default <c>/var/lib/dumpdist</c>).</summary>
    public string StateDir { get; init; } = "/var/lib/dumpdist";
}
