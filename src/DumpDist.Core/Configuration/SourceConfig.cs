namespace DumpDist.Core.Configuration;

/// <summary>
/// Where a dataset is pulled from and how (<c>source</c>, or a dataset's <c>source</c> override).
/// Defaults are Wikimedia's production rsync flags: <c>--bwlimit=80000 --contimeout=600 --timeout=600</c>, every 10 minutes
/// (the I/O timeout is enforced by dumpdist's rsync runner rather than passed to rsync).
/// </summary>
public sealed record SourceConfig
{
    /// <summary>An <c>rsync://host[:port]/module/path</c> URL or an absolute local directory (<c>url</c>, required).</summary>
    public required string Url { get; init; }

    /// <summary>Bandwidth limit in KiB/s passed to <c>rsync --bwlimit</c>; 0 means unlimited (<c>bwlimit</c>, default 80000).</summary>
    public long BandwidthLimitKiB { get; init; } = 80000;

    /// <summary>rsync daemon connection timeout (<c>contimeout</c>, default 600 s).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(600);

    /// <summary>rsync I/O timeout (<c>timeout</c>, default 600 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(600);

    /// <summary>When passes run (<c>schedule</c>, default every 10 minutes).</summary>
    public ScheduleConfig Schedule { get; init; } = new();

    /// <summary>
    /// Empty-source guard: a pass is refused when the source lists fewer than
    /// (1 - this fraction) of the files seen at the last good pass (<c>max_loss_fraction</c>, default 0.1).
    /// </summary>
    public double MaxLossFraction { get; init; } = 0.1;

    /// <summary>True when <see cref="Url"/> is an rsync URL rather than a local path.</summary>
    public bool IsRsyncUrl => Url.StartsWith("rsync://", StringComparison.OrdinalIgnoreCase);
}
