using System.Net;

namespace DumpDist.Core.Configuration;

/// <summary>
/// Web download limits (<c>qos</c>). Rates are bytes per second and 0 means unlimited.
/// Defaults are production nginx's: 3 connections per client (IP + User-Agent), 5 MiB/s after the first 1 MiB.
/// </summary>
public sealed record QosConfig
{
    /// <summary>Concurrent downloads per client, keyed by IP and User-Agent (<c>conn_limit</c>, default 3; 0 = unlimited).</summary>
    public int ConnLimit { get; init; } = QosDefaults.ConnLimit;

    /// <summary>Per-connection rate once <see cref="RateAfter"/> bytes were sent (<c>rate</c>, default 5 MiB/s).</summary>
    public long Rate { get; init; } = QosDefaults.Rate;

    /// <summary>Bytes sent at full speed before <see cref="Rate"/> applies (<c>rate_after</c>, default 1 MiB).</summary>
    public long RateAfter { get; init; } = QosDefaults.RateAfter;

    /// <summary>Aggregate rate per client IP over all its connections (<c>ip_rate</c>, default 0 = none).</summary>
    public long IpRate { get; init; }

    /// <summary>Aggregate rate of the whole web service on a host (<c>global_rate</c>, default 0 = none).</summary>
    public long GlobalRate { get; init; }

    /// <summary>Clients exempt from every limit and block (<c>allow_cidrs</c>).</summary>
    public IReadOnlyList<IPNetwork> AllowCidrs { get; init; } = [];

    /// <summary>Clients refused with 403 (<c>block_cidrs</c>).</summary>
    public IReadOnlyList<IPNetwork> BlockCidrs { get; init; } = [];

    /// <summary>User-Agent regular expressions refused with 403 (<c>block_user_agents</c>), validated at load.</summary>
    public IReadOnlyList<string> BlockUserAgents { get; init; } = [];

    /// <summary>Proxies whose <c>X-Forwarded-For</c> is believed (<c>trusted_proxies</c>).</summary>
    public IReadOnlyList<IPNetwork> TrustedProxies { get; init; } = [];

    /// <summary>A client that sends or reads nothing for this long is dropped (<c>client_timeout</c>, default 60 s).</summary>
    public TimeSpan ClientTimeout { get; init; } = QosDefaults.ClientTimeout;

    /// <summary>Most ranges honoured in one multi-range request (<c>max_ranges</c>, default 16).</summary>
    public int MaxRanges { get; init; } = QosDefaults.MaxRanges;
}
