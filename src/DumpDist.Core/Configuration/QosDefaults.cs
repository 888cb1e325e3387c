namespace DumpDist.Core.Configuration;

/// <summary>The production nginx limits, the one copy of the web QoS defaults (cluster file, web service, one-off flags).</summary>
public static class QosDefaults
{
    /// <summary>Concurrent downloads per client IP + User-Agent.</summary>
    public const int ConnLimit = 3;

    /// <summary>Per-download rate in bytes/s once <see cref="RateAfter"/> bytes were sent (nginx <c>limit_rate 5120k</c>).</summary>
    public const long Rate = 5L * 1024 * 1024;

    /// <summary>Bytes of each download sent at full speed (nginx <c>limit_rate_after 1m</c>).</summary>
    public const long RateAfter = 1024 * 1024;

    /// <summary>A client that accepts no bytes for this long is disconnected.</summary>
    public static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Most ranges honoured in one request (nginx <c>max_ranges</c>).</summary>
    public const int MaxRanges = 16;
}
