using DumpDist.Core.Cluster;
using Etcdserverpb;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DumpDist.Node.Assignments.Etcd;

/// <summary>
/// Keeps the assignments in one etcd v3 cluster, as conftool keeps pooled state: the set under
/// <c>&lt;prefix&gt;assignments</c>, one audit record per epoch under <c>&lt;prefix&gt;audit/</c>.
/// A watch feeds <see cref="Current"/>; a commit is one transaction that puts both keys only if
/// the set is still the one this node read. While etcd is down the node keeps its last known set
/// and retries the watch with backoff on the <see cref="TimeProvider"/>.
/// </summary>
internal sealed class EtcdAssignmentStore : IAssignmentStore, IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly EtcdKeys _keys;
    private readonly EtcdEndpoints _endpoints;
    private readonly EtcdAssignmentState _state;
    private readonly EtcdCalls _calls;
    private readonly EtcdWatch _watch;
    private CancellationTokenSource? _stopping;
    private Task? _watching;

    /// <param name="defaults">The cluster file's set (epoch 0), <see cref="Current"/> until etcd holds a set.</param>
    /// <param name="options">Endpoints, prefix and timeout.</param>
    /// <param name="timeProvider">The clock of every timeout and backoff.</param>
    /// <param name="logger">Where transitions and commits are logged.</param>
    public EtcdAssignmentStore(AssignmentSet defaults, EtcdStoreOptions options, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(options));
        }

        _logger = logger;
        _keys = new EtcdKeys(options.Prefix);
        _endpoints = new EtcdEndpoints(options.Endpoints, options.Timeout);
        _state = new EtcdAssignmentState(defaults, _keys.Assignments.ToStringUtf8(), options.RetryMax, logger);
        _calls = new EtcdCalls(_endpoints, _keys, _state, options.Timeout, timeProvider, logger);
        _watch = new EtcdWatch(_calls, _endpoints, _keys, _state, options, timeProvider, logger);
        _calls.Unanswered += _watch.Recheck;
    }

    /// <inheritdoc />
    public AssignmentSet Current => _state.Current;

    /// <inheritdoc />
    public bool Reachable => _state.Reachable;

    /// <inheritdoc />
    /// <remarks>Raised in epoch order, on the watch's or the committing caller's thread; handlers must not block.</remarks>
    public event Action<AssignmentSet>? Changed
    {
        add => _state.Changed += value;
        remove => _state.Changed -= value;
    }

    /// <summary>Raised when <see cref="Reachable"/> changes (and once when the first attempt tells), for status and metrics.</summary>
    public event Action<bool>? ReachableChanged
    {
        add => _state.ReachableChanged += value;
        remove => _state.ReachableChanged -= value;
    }

    /// <summary>A reloaded cluster file: its defaults apply while etcd holds no set (epoch 0), as with the peers store.</summary>
    public void UpdateDefaults(AssignmentSet defaults) => _state.ReplaceDefaults(defaults);

    /// <summary>
    /// Reads the set once, so that a restarted node answers from etcd's set rather than the defaults
    /// from its first request, then starts the watch. An unreachable etcd does not fail the start.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_watching is not null)
        {
            throw new InvalidOperationException("the etcd assignment store is already started");
        }

        await _calls.ReadAssignmentsAsync(cancellationToken);
        _stopping = new CancellationTokenSource();
        var stoppingToken = _stopping.Token;
        _watching = Task.Run(() => _watch.RunAsync(stoppingToken), CancellationToken.None);
    }

    /// <summary>Stops the watch; <see cref="Current"/> keeps its last value.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping is null || _watching is null)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _watching.WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _stopping?.Dispose();
        _endpoints.Dispose();
    }

    /// <inheritdoc />
    public async Task<CommitResult> CommitAsync(AssignmentChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var stored = _state.Stored;
        var epoch = change.Assignments.Epoch;
        if (epoch != stored.Set.Epoch + 1)
        {
            return Failed($"epoch {epoch} is not the next one: this node holds epoch {stored.Set.Epoch}; re-read and retry");
        }

        if (change.Audit.Epoch != epoch)
        {
            return Failed($"the audit record names epoch {change.Audit.Epoch} but the assignments are epoch {epoch}");
        }

        var transaction = new TxnRequest
        {
            Compare = { StillAsRead(stored) },
            Success =
            {
                new RequestOp { RequestPut = new PutRequest { Key = _keys.Assignments, Value = EtcdCodec.Encode(change.Assignments) } },
                new RequestOp { RequestPut = new PutRequest { Key = _keys.Audit(epoch), Value = EtcdCodec.Encode(change.Audit) } },
            },
            Failure = { new RequestOp { RequestRange = new RangeRequest { Key = _keys.Assignments } } },
        };
        var (response, error) = await _calls.InvokeAsync("commit", isRead: false, (endpoint, token) => endpoint.Client.TransactionAsync(transaction, cancellationToken: token), cancellationToken);
        if (response is null)
        {
            // A timeout may hide a transaction that etcd applied (or applies once it answers again); a re-read tells.
            return new CommitResult(false, $"etcd did not confirm epoch {epoch} ({error}); if the request reached etcd it may still apply it, so check `dumpdist status` before retrying", [], Unanswered: true);
        }

        var revision = response.Header.Revision;
        if (response.Succeeded)
        {
            _state.Apply(change.Assignments, keyModRevision: revision, observedAt: revision, "commit");
            EtcdStoreLog.Committed(_logger, epoch, revision);
            return new CommitResult(true, $"epoch {epoch} committed to etcd", []);
        }

        // The failure branch read the key in the same transaction: take what won at once.
        var winner = _state.Observe(response.Responses.FirstOrDefault()?.ResponseRange?.Kvs.FirstOrDefault(), revision, "commit conflict");
        EtcdStoreLog.CommitConflict(_logger, epoch, winner?.Epoch);
        return Failed(winner is null || winner.Epoch >= epoch
            ? $"epoch {epoch} was committed by someone else; re-read and retry"
            : $"the assignments in etcd changed since this node read them (etcd holds epoch {winner.Epoch}); re-read and retry");
    }

    /// <summary>Peers push changes; with etcd every node takes them from the watch, so a push is never taken.</summary>
    public Task<bool> AcceptAsync(AssignmentChange change, CancellationToken cancellationToken) => Task.FromResult(false);

    /// <inheritdoc />
    /// <remarks>Empty while etcd cannot be reached (<see cref="Reachable"/> is then false).</remarks>
    public async Task<IReadOnlyList<AuditRecord>> AuditAsync(int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0)
        {
            return [];
        }

        var request = new RangeRequest
        {
            Key = _keys.AuditPrefix,
            RangeEnd = _keys.AuditRangeEnd,
            SortTarget = RangeRequest.Types.SortTarget.Key,
            SortOrder = RangeRequest.Types.SortOrder.Descend,
            Limit = limit,
        };
        var (response, _) = await _calls.InvokeAsync("audit read", isRead: true, (endpoint, token) => endpoint.Client.GetAsync(request, cancellationToken: token), cancellationToken);
        if (response is null)
        {
            return [];
        }

        var records = new List<AuditRecord>(response.Kvs.Count);
        foreach (var kv in response.Kvs)
        {
            var record = EtcdCodec.DecodeAudit(kv.Value, out var error);
            if (record is null)
            {
                EtcdStoreLog.BadValue(_logger, kv.Key.ToStringUtf8(), kv.ModRevision, error);
                continue;
            }

            records.Add(record);
        }

        return records;
    }

    /// <inheritdoc />
    public Task RefreshAsync(CancellationToken cancellationToken) => _calls.ReadAssignmentsAsync(cancellationToken);

    private static CommitResult Failed(string message) => new(false, message, []);

    /// <summary>The set must still be the one this node read: the same mod_revision, or still absent.</summary>
    private Compare StillAsRead(EtcdStoredState stored) => stored.KeyModRevision == 0
        ? new Compare { Key = _keys.Assignments, Target = Compare.Types.CompareTarget.Create, Result = Compare.Types.CompareResult.Equal, CreateRevision = 0 }
        : new Compare { Key = _keys.Assignments, Target = Compare.Types.CompareTarget.Mod, Result = Compare.Types.CompareResult.Equal, ModRevision = stored.KeyModRevision };
}
