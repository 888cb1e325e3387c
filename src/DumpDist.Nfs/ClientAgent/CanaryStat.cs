using System.Collections.Concurrent;

namespace DumpDist.Nfs.ClientAgent;

/// <summary>
/// Stats a path on a thread of its own and gives up after a timeout, because a stat on a hung
/// NFS mount blocks in the kernel and cannot be cancelled. A stat still hung from an earlier
/// round is not started again, so a dead mount cannot pile up blocked threads.
/// </summary>
public sealed class CanaryStat(Func<string, bool>? stat = null)
{
    private readonly Func<string, bool> _stat = stat ?? DefaultStat;
    private readonly ConcurrentDictionary<string, Task<bool>> _pending = new(StringComparer.Ordinal);

    /// <summary>Null when <paramref name="path"/> stats in time, otherwise why it failed.</summary>
    public async Task<string?> CheckAsync(string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_pending.TryGetValue(path, out var hung) && !hung.IsCompleted)
        {
            return $"stat {path} from an earlier check is still hung";
        }

        var task = Task.Factory.StartNew(() => _stat(path), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        _pending[path] = task;
        try
        {
            var exists = await task.WaitAsync(timeout, cancellationToken);
            return exists ? null : $"canary {path} does not exist";
        }
        catch (TimeoutException)
        {
            return $"stat {path} did not return within {timeout.TotalSeconds:0.###} s";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"stat {path} failed: {ex.Message}";
        }
    }

    private static bool DefaultStat(string path) => Directory.Exists(path) || File.Exists(path);
}
