using DumpDist.Sync.Safety;

namespace DumpDist.Retention.Execution;

/// <summary>
/// The sync locks of a target's datasets, held while a pass plans and moves runs out of the tree.
/// A lock a sync pass holds is not waited for: that dataset is refused and the others go on.
/// </summary>
internal sealed class LockSet : IDisposable
{
    private readonly List<SyncLock> _held = [];

    private LockSet()
    {
    }

    /// <summary>Datasets whose lock another pass holds, with the refusal naming the lock file.</summary>
    public Dictionary<string, string> Refused { get; } = new(StringComparer.Ordinal);

    /// <summary>Locks taken over from a dead holder: (dataset, pid).</summary>
    public List<(string Dataset, int Pid)> TakenOver { get; } = [];

    /// <summary>Tries every lock of <paramref name="scopes"/> in <paramref name="stateDirectory"/>.</summary>
    public static LockSet Acquire(string stateDirectory, IEnumerable<LockScope> scopes)
    {
        var set = new LockSet();
        foreach (var dataset in scopes.Select(s => s.Dataset).Distinct(StringComparer.Ordinal))
        {
            if (SyncLock.TryAcquire(stateDirectory, dataset, out var refusal) is { } taken)
            {
                set._held.Add(taken);
                if (taken.StalePid is { } pid)
                {
                    set.TakenOver.Add((dataset, pid));
                }
            }
            else
            {
                set.Refused[dataset] = refusal ?? $"the sync lock of '{dataset}' is held";
            }
        }

        return set;
    }

    /// <summary>No locks: a dry run changes nothing and waits for no one.</summary>
    public static LockSet None() => new();

    public void Dispose()
    {
        foreach (var held in _held)
        {
            held.Dispose();
        }

        _held.Clear();
    }
}
