namespace DumpDist.Sync.Hosting;

/// <summary>Process-local choices for a host's scheduled sync (the rest comes from the cluster file).</summary>
public sealed class SyncHostOptions
{
    /// <summary>This host's name in the cluster file.</summary>
    public required string HostName { get; init; }

    /// <summary>Verify data files after each pass (default true).</summary>
    public bool Verify { get; init; } = true;
}
