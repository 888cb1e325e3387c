namespace DumpDist.Core.Configuration.Source;

/// <summary>
/// The one place every part of a process gets the cluster file from: the current valid snapshot,
/// and a notification for each newer valid one. A bad edit never replaces the running snapshot.
/// </summary>
public interface IClusterConfigSource
{
    /// <summary>The file the snapshots come from.</summary>
    string Path { get; }

    /// <summary>The newest snapshot that loaded without errors.</summary>
    ClusterConfig Current { get; }

    /// <summary>How many valid snapshots have been taken (1 after the initial load).</summary>
    long Generation { get; }

    /// <summary>
    /// Calls <paramref name="onChange"/> with each new valid snapshot (previous, current), on the
    /// watcher's thread; an exception in one subscriber is logged and does not stop the others.
    /// Dispose the result to unsubscribe.
    /// </summary>
    IDisposable Subscribe(Action<ClusterConfig, ClusterConfig> onChange);

    /// <summary>Re-reads the file if it changed; returns true when a new snapshot was taken.</summary>
    bool ReloadIfChanged();
}
