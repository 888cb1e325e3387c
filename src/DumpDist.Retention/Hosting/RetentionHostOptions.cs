namespace DumpDist.Retention.Hosting;

/// <summary>Process-local choices for a host's daily retention pass (the rules come from the cluster file).</summary>
public sealed class RetentionHostOptions
{
    /// <summary>This host's name in the cluster file.</summary>
    public required string HostName { get; init; }

    /// <summary>When the daily pass runs, UTC (default 04:00, between the twice-monthly runs' busy hours).</summary>
    public TimeSpan TimeOfDay { get; init; } = TimeSpan.FromHours(4);

    /// <summary>Measure capacity once at start, so its metrics exist before the first pass (default true).</summary>
    public bool CapacityAtStart { get; init; } = true;
}
