using DumpDist.Core.Cluster;
using DumpDist.Node.Admin;
using Microsoft.Extensions.Logging;

namespace DumpDist.Node.Assignments.Peers;

/// <summary>
/// The default assignment store for two or three hosts: each node keeps every change in its
/// <c>node.db</c>; a commit is stored here and pushed to every peer's admin API; a node that was
/// down pulls the changes it missed from its peers when it starts and every refresh. The highest
/// epoch wins. When no peer answers, the node keeps what it has and says so.
/// </summary>
internal sealed partial class PeersAssignmentStore : IAssignmentStore
{
    private readonly NodeDatabase _database;
    private readonly Func<IReadOnlyDictionary<string, AdminClient>> _peers;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile AssignmentSet _current;
    private volatile bool _reachable = true;

    /// <param name="database">This node's node.db.</param>
    /// <param name="defaults">Epoch 0 from the cluster file.</param>
    /// <param name="peers">The other nodes' admin API clients, by host name (re-read on each call: the cluster file may change).</param>
    /// <param name="logger">Where replication problems go.</param>
    public PeersAssignmentStore(NodeDatabase database, AssignmentSet defaults, Func<IReadOnlyDictionary<string, AdminClient>> peers, ILogger logger)
    {
        _database = database;
        _peers = peers;
        _logger = logger;
        _current = database.Latest()?.Assignments ?? defaults;
    }

    public AssignmentSet Current => _current;

    public bool Reachable => _reachable;

    public event Action<AssignmentSet>? Changed;

    /// <summary>A new cluster file: its defaults apply while no change was ever made (epoch 0).</summary>
    public void UpdateDefaults(AssignmentSet defaults)
    {
        if (_current.Epoch == 0 && !SameServices(_current, defaults))
        {
            _current = defaults;
            Changed?.Invoke(defaults);
        }
    }

    public async Task<CommitResult> CommitAsync(AssignmentChange change, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (change.Assignments.Epoch != _current.Epoch + 1)
            {
                return new CommitResult(false, $"epoch {change.Assignments.Epoch} is not the next one (current {_current.Epoch}); re-read and retry", []);
            }

            _database.TryInsert(change);
            _current = change.Assignments;
        }
        finally
        {
            _gate.Release();
        }

        Changed?.Invoke(change.Assignments);
        var peers = _peers();
        var pushes = peers.Select(async p => (Host: p.Key, Result: await p.Value.PushAsync(change, cancellationToken))).ToList();
        var results = await Task.WhenAll(pushes);
        var acknowledged = results.Where(r => r.Result.Ok).Select(r => r.Host).ToList();
        var missed = results.Where(r => !r.Result.Ok).Select(r => $"{r.Host} ({r.Result.Error})").ToList();
        _reachable = peers.Count == 0 || acknowledged.Count > 0;
        foreach (var miss in missed)
        {
            LogPushFailed(_logger, change.Assignments.Epoch, miss);
        }

        var message = missed.Count == 0
            ? $"epoch {change.Assignments.Epoch} stored on every node"
            : $"epoch {change.Assignments.Epoch} stored here and on {acknowledged.Count} of {peers.Count} peers; not reached: {string.Join(", ", missed)} (they pull it when they can)";
        return new CommitResult(true, message, acknowledged);
    }

    public async Task<bool> AcceptAsync(AssignmentChange change, CancellationToken cancellationToken)
    {
        bool newer;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Older epochs are kept too (the audit log is complete), but only a newer one is current.
            _database.TryInsert(change);
            newer = change.Assignments.Epoch > _current.Epoch;
            if (newer)
            {
                _current = change.Assignments;
            }
        }
        finally
        {
            _gate.Release();
        }

        if (newer)
        {
            LogTaken(_logger, change.Assignments.Epoch, change.Audit.Action);
            Changed?.Invoke(change.Assignments);
        }

        return newer;
    }

    public Task<IReadOnlyList<AuditRecord>> AuditAsync(int limit, CancellationToken cancellationToken) =>
        Task.FromResult(_database.Audit(limit));

    /// <summary>The changes after <paramref name="epoch"/> this node holds (what a peer pulls).</summary>
    public IReadOnlyList<AssignmentChange> ChangesAfter(long epoch) => _database.After(epoch);

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var peers = _peers();
        if (peers.Count == 0)
        {
            _reachable = true;
            return;
        }

        var since = _current.Epoch;
        var answers = await Task.WhenAll(peers.Select(p => p.Value.ChangesAfterAsync(since, cancellationToken)));
        var wasReachable = _reachable;
        _reachable = answers.Any(a => a.Ok);
        if (wasReachable != _reachable)
        {
            LogReachability(_logger, _reachable ? "reachable again" : "unreachable; keeping the last known assignments", _current.Epoch);
        }

        foreach (var change in answers.Where(a => a.Ok).SelectMany(a => a.Value!).OrderBy(c => c.Assignments.Epoch))
        {
            await AcceptAsync(change, cancellationToken);
        }
    }

    private static bool SameServices(AssignmentSet a, AssignmentSet b) =>
        a.Services.Count == b.Services.Count && a.Services.All(kv => b.HostOf(kv.Key) == kv.Value);

    [LoggerMessage(5201, LogLevel.Warning, "Epoch {Epoch} could not be pushed to {Peer}")]
    private static partial void LogPushFailed(ILogger logger, long epoch, string peer);

    [LoggerMessage(5202, LogLevel.Information, "Took epoch {Epoch} ({Action}) from a peer")]
    private static partial void LogTaken(ILogger logger, long epoch, string action);

    [LoggerMessage(5203, LogLevel.Warning, "Peers {State} (epoch {Epoch})")]
    private static partial void LogReachability(ILogger logger, string state, long epoch);
}
