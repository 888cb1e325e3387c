using DumpDist.Core.Tree;

namespace DumpDist.Web.Api;

/// <summary>
/// Reuses one whole-tree scan for a short time so that index-style requests do not each read every
/// dumpstatus.json. One scan runs at a time; callers during a refresh get the previous snapshot.
/// </summary>
internal sealed class DumpTreeSnapshotCache(string treeRoot, TimeSpan lifetime, TimeProvider timeProvider)
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private (DumpTreeSnapshot Snapshot, DateTimeOffset TakenAt)? _current;

    public async Task<DumpTreeSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        var current = _current;
        var now = timeProvider.GetUtcNow();
        if (current is { } fresh && now - fresh.TakenAt < lifetime)
        {
            return fresh.Snapshot;
        }

        if (current is { } stale && !_refresh.Wait(0, CancellationToken.None))
        {
            return stale.Snapshot;
        }

        if (current is null)
        {
            await _refresh.WaitAsync(cancellationToken);
        }

        try
        {
            if (_current is { } other && timeProvider.GetUtcNow() - other.TakenAt < lifetime)
            {
                return other.Snapshot;
            }

            var snapshot = await Task.Run(() => DumpTree.Scan(treeRoot), cancellationToken);
            _current = (snapshot, timeProvider.GetUtcNow());
            return snapshot;
        }
        finally
        {
            _refresh.Release();
        }
    }
}
