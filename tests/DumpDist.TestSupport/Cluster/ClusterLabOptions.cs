namespace DumpDist.TestSupport.Cluster;

/// <summary>The shape of a <see cref="ClusterLab"/>: the canonical tree and the cluster file's knobs.</summary>
public sealed class ClusterLabOptions
{
    /// <summary>The built <c>dumpdist.dll</c> to run (with <c>dotnet</c>).</summary>
    public required string DumpDistDll { get; init; }

    /// <summary><c>dumpdist fixture --wikis</c>.</summary>
    public int FixtureWikis { get; init; } = 2;

    /// <summary><c>dumpdist fixture --runs</c>.</summary>
    public int FixtureRuns { get; init; } = 2;

    /// <summary><c>dumpdist fixture --scale</c>.</summary>
    public long FixtureScale { get; init; } = 2_000_000;

    /// <summary>Size of the big file added as run <see cref="ClusterLab.BigFile"/> (0: none).</summary>
    public long BigFileBytes { get; init; } = 64L << 20;

    /// <summary><c>qos.rate</c> (per connection; <c>qos.rate_after</c> is 0), so a big download takes a while.</summary>
    public string WebRate { get; init; } = "3MiB";

    /// <summary><c>source.schedule.interval</c>: long, so only the admin trigger syncs during a test.</summary>
    public string SyncInterval { get; init; } = "1h";

    /// <summary>Progress lines (test output).</summary>
    public Action<string>? Log { get; init; }
}
