namespace DumpDist.Nfs.ClientAgent;

/// <summary>Answers whether something is mounted at a path (the real one reads /proc/self/mounts).</summary>
public interface IMountTable
{
    /// <summary>True when a file system is mounted exactly at <paramref name="mountPoint"/>.</summary>
    bool IsMounted(string mountPoint);
}
