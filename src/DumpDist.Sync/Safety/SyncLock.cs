using System.Globalization;
using System.Text;

namespace DumpDist.Sync.Safety;

/// <summary>
/// One pass at a time per dataset: an exclusive lock (flock via FileShare.None) on a pid file in
/// the state directory. The kernel drops the lock when its holder dies, so a file left behind
/// by a dead pass is stale: it is taken over, with a warning naming the dead pid.
/// </summary>
public sealed class SyncLock : IDisposable
{
    private readonly FileStream _stream;

    private SyncLock(FileStream stream, string path, int? stalePid)
    {
        _stream = stream;
        Path = path;
        StalePid = stalePid;
    }

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>The pid a previous holder left behind (it died without releasing), when one was taken over.</summary>
    public int? StalePid { get; }

    /// <summary>Tries to take the lock of <paramref name="dataset"/>; null and a reason when another pass holds it.</summary>
    public static SyncLock? TryAcquire(string stateDirectory, string dataset, out string? refusal)
    {
        Directory.CreateDirectory(stateDirectory);
        var path = System.IO.Path.Combine(stateDirectory, $"sync-{dataset}.lock");
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            refusal = $"another sync pass of '{dataset}' is running (lock {path} is held)";
            return null;
        }

        // We hold the flock, so whoever wrote a pid here is gone (or is an unrelated process that
        // reused the pid): the file is stale and is taken over.
        var previous = ReadPid(stream);
        WritePid(stream, Environment.ProcessId);
        refusal = null;
        return new SyncLock(stream, path, previous is { } p && p != Environment.ProcessId ? p : null);
    }

    /// <summary>Releases the lock; the file stays (deleting it would race with a waiting pass) but is emptied.</summary>
    public void Dispose()
    {
        try
        {
            _stream.SetLength(0);
        }
        catch (IOException)
        {
            // Best effort: an unreleased pid is treated as stale by the next pass.
        }

        _stream.Dispose();
    }

    private static int? ReadPid(FileStream stream)
    {
        stream.Position = 0;
        var buffer = new byte[32];
        var read = stream.Read(buffer, 0, buffer.Length);
        var text = Encoding.ASCII.GetString(buffer, 0, read).Trim();
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0 ? pid : null;
    }

    private static void WritePid(FileStream stream, int pid)
    {
        stream.SetLength(0);
        stream.Position = 0;
        var bytes = Encoding.ASCII.GetBytes(pid.ToString(CultureInfo.InvariantCulture) + "\n");
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }
}
