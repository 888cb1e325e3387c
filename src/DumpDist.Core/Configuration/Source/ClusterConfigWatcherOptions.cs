namespace DumpDist.Core.Configuration.Source;

/// <summary>How often the cluster file is checked for changes.</summary>
public sealed class ClusterConfigWatcherOptions
{
    /// <summary>Between checks (default 2 s).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(2);
}
