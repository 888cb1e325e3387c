using DumpDist.Core.Configuration;
using System.Net;
using System.Text.RegularExpressions;

namespace DumpDist.Web.Qos;

/// <summary>
/// One immutable snapshot of the QoS policy. Rates are bytes per second; 0 means unlimited.
/// A new snapshot replaces the old one on reload; transfers in flight pick it up at their next chunk.
/// </summary>
internal sealed record QosSettings
{
    public const long MiB = 1024 * 1024;

    /// <summary>Concurrent downloads per (client IP + User-Agent); beyond it 429. 0 = unlimited.</summary>
    public int ConnLimit { get; init; } = QosDefaults.ConnLimit;

    /// <summary>Per-download rate once <see cref="RateAfter"/> bytes have been sent.</summary>
    public long Rate { get; init; } = QosDefaults.Rate;

    public long RateAfter { get; init; } = QosDefaults.RateAfter;

    /// <summary>Aggregate rate shared by all downloads from one client IP.</summary>
    public long IpRate { get; init; }

    /// <summary>Aggregate egress rate of this server for file bodies.</summary>
    public long GlobalRate { get; init; }

    /// <summary>Clients exempt from every limit and block list (mirrors, internal hosts).</summary>
    public IReadOnlyList<IPNetwork> AllowCidrs { get; init; } = [];

    public IReadOnlyList<IPNetwork> BlockCidrs { get; init; } = [];

    public IReadOnlyList<Regex> BlockUserAgents { get; init; } = [];

    /// <summary>Peers whose X-Forwarded-For / PROXY header is believed.</summary>
    public IReadOnlyList<IPNetwork> TrustedProxies { get; init; } = [];

    /// <summary>A client that accepts no bytes for this long is disconnected.</summary>
    public TimeSpan ClientTimeout { get; init; } = QosDefaults.ClientTimeout;

    /// <summary>Most ranges honoured in one request; longer lists get the whole file (as nginx's max_ranges).</summary>
    public int MaxRanges { get; init; } = QosDefaults.MaxRanges;

    /// <summary>Seconds sent in Retry-After with 429.</summary>
    public int RetryAfterSeconds { get; init; } = 5;

    /// <summary>Unlimited everything: what tests and benchmarks of raw speed use.</summary>
    public static QosSettings Unlimited { get; } = new() { ConnLimit = 0, Rate = 0, RateAfter = 0 };

    public static bool Contains(IReadOnlyList<IPNetwork> networks, IPAddress address)
    {
        for (var i = 0; i < networks.Count; i++)
        {
            if (networks[i].Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
