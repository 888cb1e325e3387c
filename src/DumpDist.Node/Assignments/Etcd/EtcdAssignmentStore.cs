using DumpDist.Core.Cluster;
using Etcdserverpb;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mvccpb;

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
    // etcd cancels a watch carrying this when its member loses the leader, instead of leaving it silent.
    private static readonly Metadata RequireLeader = new() { { "hasleader", "true" } };

    private readonly EtcdStoreOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly EtcdKeys _keys;
    private readonly EtcdEndpoints _endpoints;
    private readonly Lock _gate = new();
    private EtcdStoredState _state;
    private int _reachability = (int)Reachability.Unknown;
    private CancellationTokenSource? _watchAttempt;
    private CancellationTokenSource? _stopping;
    private Task? _watch;

    /// <param name="defaults">The cluster file's set (epoch 0), <see cref="Current"/> until etcd holds a set.</param>
    /// <param name="options">Endpoints, prefix and timeout.</param>
    /// <param name="timeProvider">The clock of every timeout and backoff.</param>
    /// <param name="logger">Where transitions and commits are logged.</param>
    public EtcdAssignmentStore(AssignmentSet defaults, EtcdStoreOptions options, TimeProvider timeProvider, ILogger<EtcdAssignmentStore> logger)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(options));
        }

        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _keys = new EtcdKeys(options.Prefix);
        _endpoints = new EtcdEndpoints(options.Endpoints, options.Timeout);
        _state = new EtcdStoredState(defaults, KeyModRevision: 0, ObservedAt: 0);
    }

    private enum Reachability
    {
        Unknown,
        Reachable,
        Unreachable,
    }

    private enum WatchOutcome
    {
        Stopped,
        Resync,
        Failed,
    }

    /// <inheritdoc />
    public AssignmentSet Current => Volatile.Read(ref _state).Set;

    /// <inheritdoc />
    public bool Reachable => Volatile.Read(ref _reachability) != (int)Reachability.Unreachable;

    /// <inheritdoc />
    /// <remarks>Raised in epoch order, on the watch's or the committing caller's thread; handlers must not block.</remarks>
    public event Action<AssignmentSet>? Changed;

    /// <summary>Raised when <see cref="Reachable"/> changes (and once when the first attempt tells), for status and metrics.</summary>
    public event Action<bool>? ReachableChanged;

    /// <summary>
    /// Reads the set once, so that a restarted node answers from etcd's set rather than the defaults
    /// from its first request, then starts the watch. An unreachable etcd does not fail the start.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_watch is not null)
        {
            throw new InvalidOperationException("the etcd assignment store is already started");
        }

        await ReadAsync(cancellationToken);
        _stopping = new CancellationTokenSource();
        var stoppingToken = _stopping.Token;
        _watch = Task.Run(() => WatchLoopAsync(stoppingToken), CancellationToken.None);
    }

    /// <summary>Stops the watch; <see cref="Current"/> keeps its last value.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping is null || _watch is null)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _watch.WaitAsync(cancellationToken);
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
        var state = Volatile.Read(ref _state);
        var epoch = change.Assignments.Epoch;
        if (epoch != state.Set.Epoch + 1)
        {
            return Failed($"epoch {epoch} is not the next one: this node holds epoch {state.Set.Epoch}; re-read and retry");
        }

        if (change.Audit.Epoch != epoch)
        {
            return Failed($"the audit record names epoch {change.Audit.Epoch} but the assignments are epoch {epoch}");
        }

        // The set must still be the one this node read: same mod_revision, or still absent.
        var compare = state.KeyModRevision == 0
            ? new Compare { Key = _keys.Assignments, Target = Compare.Types.CompareTarget.Create, Result = Compare.Types.CompareResult.Equal, CreateRevision = 0 }
            : new Compare { Key = _keys.Assignments, Target = Compare.Types.CompareTarget.Mod, Result = Compare.Types.CompareResult.Equal, ModRevision = state.KeyModRevision };
        var transaction = new TxnRequest
        {
            Compare = { compare },
            Success =
            {
                new RequestOp { RequestPut = new PutRequest { Key = _keys.Assignments, Value = EtcdCodec.Encode(change.Assignments) } },
                new RequestOp { RequestPut = new PutRequest { Key = _keys.Audit(epoch), Value = EtcdCodec.Encode(change.Audit) } },
            },
            Failure = { new RequestOp { RequestRange = new RangeRequest { Key = _keys.Assignments } } },
        };

        var (response, error) = await InvokeAsync("commit", isRead: false, (endpoint, token) => endpoint.Client.TransactionAsync(transaction, cancellationToken: token), cancellationToken);
        if (response is null)
        {
            // A timeout may hide a transaction that etcd applied; a re-read tells.
            return Failed($"etcd did not confirm epoch {epoch} ({error}); re-read before retrying");
        }

        var revision = response.Header.Revision;
        if (response.Succeeded)
        {
            Apply(change.Assignments, keyModRevision: revision, observedAt: revision, "commit");
            EtcdStoreLog.Committed(_logger, epoch, revision);
            return new CommitResult(true, $"epoch {epoch} committed to etcd", []);
        }

        var stored = response.Responses.Count > 0 ? response.Responses[0].ResponseRange?.Kvs.FirstOrDefault() : null;
        var storedSet = Observe(stored, revision, "commit conflict");
        EtcdStoreLog.CommitConflict(_logger, epoch, storedSet?.Epoch);
        return Failed(storedSet is null || storedSet.Epoch >= epoch
            ? $"epoch {epoch} was committed by someone else; re-read and retry"
            : $"the assignments in etcd changed since this node read them (etcd holds epoch {storedSet.Epoch}); re-read and retry");
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
        var (response, _) = await InvokeAsync("audit read", isRead: true, (endpoint, token) => endpoint.Client.GetAsync(request, cancellationToken: token), cancellationToken);
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
    public Task RefreshAsync(CancellationToken cancellationToken) => ReadAsync(cancellationToken);

    private static CommitResult Failed(string message) => new(false, message, []);

    private static string Describe(Exception exception) => exception switch
    {
        RpcException rpc => $"{rpc.StatusCode}: {rpc.Status.Detail}",
        _ => exception.Message,
    };

    // Statuses that mean "no answer" (connection refused, reset, no leader, timed out); any other
    // status is an answer from etcd, which proves it reachable even though the call failed.
    private static bool MeansUnreachable(RpcException exception) =>
        exception.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Cancelled
            or StatusCode.Internal or StatusCode.Unknown;

    /// <summary>Reads the assignments key; returns the revision read at, or null when etcd did not answer.</summary>
    private async Task<long?> ReadAsync(CancellationToken cancellationToken)
    {
        var request = new RangeRequest { Key = _keys.Assignments };
        var (response, _) = await InvokeAsync("read", isRead: true, (endpoint, token) => endpoint.Client.GetAsync(request, cancellationToken: token), cancellationToken);
        if (response is null)
        {
            return null;
        }

        Observe(response.Kvs.FirstOrDefault(), response.Header.Revision, "read");
        return response.Header.Revision;
    }

    /// <summary>
    /// One unary call with the options' timeout on the <see cref="TimeProvider"/>. A read goes on
    /// to the next endpoint when one does not answer; a commit is tried once (a timed-out
    /// transaction may have been applied). Expected failures come back as an error text; the
    /// caller's cancellation is thrown.
    /// </summary>
    private async Task<(T? Response, string? Error)> InvokeAsync<T>(string operation, bool isRead, Func<EtcdEndpoint, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
        where T : class
    {
        var errors = new List<string>();
        var attempts = isRead ? _endpoints.Count : 1;
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var endpoint = _endpoints.Current;
            using var timeout = new CancellationTokenSource(_options.Timeout, _timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                var response = await call(endpoint, linked.Token);
                SetReachable(true, endpoint.ToString());
                return (response, null);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is OperationCanceledException or RpcException)
            {
                if (ex is RpcException rpc && !timeout.IsCancellationRequested && !MeansUnreachable(rpc))
                {
                    var answer = $"{endpoint}: {Describe(ex)}";
                    SetReachable(true, endpoint.ToString());
                    EtcdStoreLog.CallFailed(_logger, operation, answer);
                    return (null, answer);
                }

                errors.Add(timeout.IsCancellationRequested
                    ? $"{endpoint} did not answer within {_options.Timeout.TotalSeconds:0.###} s"
                    : $"{endpoint}: {Describe(ex)}");
                _endpoints.Failed(endpoint);
            }
        }

        var detail = string.Join("; ", errors);
        SetReachable(false, detail);

        // The watch may still look established on a connection that is gone; make it prove itself.
        Volatile.Read(ref _watchAttempt)?.Cancel();
        return (null, detail);
    }

    /// <summary>Takes an observation of the assignments key (null: absent) at <paramref name="observedAt"/>; returns the set it held.</summary>
    private AssignmentSet? Observe(KeyValue? kv, long observedAt, string source)
    {
        if (kv is null)
        {
            Apply(null, keyModRevision: 0, observedAt, source);
            return null;
        }

        var set = EtcdCodec.DecodeSet(kv.Value, out var error);
        if (set is null)
        {
            EtcdStoreLog.BadValue(_logger, kv.Key.ToStringUtf8(), kv.ModRevision, error);
        }

        Apply(set, kv.ModRevision, observedAt, source);
        return set;
    }

    /// <summary>
    /// Records what the key held at <paramref name="observedAt"/> (an older observation never
    /// overwrites a newer one) and takes <paramref name="set"/> if its epoch is newer than
    /// <see cref="Current"/>. The epoch never goes back: a stale or missing key keeps the set.
    /// </summary>
    private void Apply(AssignmentSet? set, long keyModRevision, long observedAt, string source)
    {
        lock (_gate)
        {
            var state = _state;
            var keyNewer = observedAt >= state.ObservedAt;
            var setNewer = set is not null && set.Epoch > state.Set.Epoch;
            if (!keyNewer && !setNewer)
            {
                return;
            }

            var keyChanged = keyNewer && keyModRevision != state.KeyModRevision;
            Volatile.Write(ref _state, new EtcdStoredState(
                setNewer ? set! : state.Set,
                keyNewer ? keyModRevision : state.KeyModRevision,
                Math.Max(observedAt, state.ObservedAt)));

            if (setNewer)
            {
                EtcdStoreLog.Updated(_logger, set!.Epoch, source, state.Set.Epoch);

                // Raised under the gate so that handlers see epochs in order.
                RaiseChanged(set);
            }
            else if (keyChanged && set is null && keyModRevision == 0 && state.Set.Epoch > 0)
            {
                EtcdStoreLog.KeyMissing(_logger, _keys.Assignments.ToStringUtf8(), state.Set.Epoch);
            }
            else if (keyChanged && set is not null && set.Epoch < state.Set.Epoch)
            {
                EtcdStoreLog.StaleValue(_logger, set.Epoch, state.Set.Epoch);
            }
        }
    }

    private void RaiseChanged(AssignmentSet set)
    {
        var handlers = Changed;
        if (handlers is null)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList().Cast<Action<AssignmentSet>>())
        {
            try
            {
                handler(set);
            }
            catch (Exception ex)
            {
                EtcdStoreLog.ChangedHandlerFailed(_logger, set.Epoch, ex);
            }
        }
    }

    private void SetReachable(bool reachable, string detail)
    {
        var next = (int)(reachable ? Reachability.Reachable : Reachability.Unreachable);
        if (Interlocked.Exchange(ref _reachability, next) == next)
        {
            return;
        }

        if (reachable)
        {
            EtcdStoreLog.Reachable(_logger, detail, Current.Epoch);
        }
        else
        {
            EtcdStoreLog.Unreachable(_logger, detail, Current.Epoch, _options.RetryMax);
        }

        ReachableChanged?.Invoke(reachable);
    }

    private async Task WatchLoopAsync(CancellationToken stoppingToken)
    {
        var backoff = new EtcdBackoff(_options.RetryInitial, _options.RetryMax);
        while (!stoppingToken.IsCancellationRequested)
        {
            var outcome = await WatchOnceAsync(backoff, stoppingToken);
            if (outcome == WatchOutcome.Stopped)
            {
                return;
            }

            if (outcome == WatchOutcome.Resync)
            {
                continue;
            }

            var delay = backoff.Next();
            EtcdStoreLog.WatchRetry(_logger, backoff.Failures, delay);
            try
            {
                await Task.Delay(delay, _timeProvider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// One read-then-watch: the read takes whatever was committed while no watch ran, the watch
    /// starts at the revision after it, so no change falls between the two.
    /// </summary>
    private async Task<WatchOutcome> WatchOnceAsync(EtcdBackoff backoff, CancellationToken stoppingToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        Volatile.Write(ref _watchAttempt, attempt);
        var endpoint = _endpoints.Current;
        try
        {
            var revision = await ReadAsync(attempt.Token);
            if (revision is null)
            {
                return WatchOutcome.Failed;
            }

            endpoint = _endpoints.Current;
            using var call = endpoint.Client.GetConnection().WatchClient.Watch(RequireLeader, cancellationToken: attempt.Token);
            await call.RequestStream.WriteAsync(
                new WatchRequest { CreateRequest = new WatchCreateRequest { Key = _keys.Assignments, StartRevision = revision.Value + 1 } },
                attempt.Token);
            while (await call.ResponseStream.MoveNext(attempt.Token))
            {
                var response = call.ResponseStream.Current;
                if (response.Created)
                {
                    backoff.Reset();
                    SetReachable(true, endpoint.ToString());
                    EtcdStoreLog.WatchStarted(_logger, _keys.Assignments.ToStringUtf8(), endpoint.ToString(), revision.Value + 1);
                }

                if (response.CompactRevision > 0)
                {
                    EtcdStoreLog.WatchCompacted(_logger, response.CompactRevision);
                    return WatchOutcome.Resync;
                }

                if (response.Canceled)
                {
                    EtcdStoreLog.WatchCanceled(_logger, response.CancelReason);
                    return WatchOutcome.Failed;
                }

                foreach (var change in response.Events)
                {
                    if (change.Type == Event.Types.EventType.Put)
                    {
                        Observe(change.Kv, change.Kv.ModRevision, "watch");
                    }
                    else
                    {
                        Apply(null, keyModRevision: 0, change.Kv.ModRevision, "watch");
                    }
                }
            }

            _endpoints.Failed(endpoint);
            SetReachable(false, $"{endpoint} closed the watch");
            return WatchOutcome.Failed;
        }
        catch (Exception ex) when (ex is OperationCanceledException or RpcException or InvalidOperationException)
        {
            if (stoppingToken.IsCancellationRequested)
            {
                return WatchOutcome.Stopped;
            }

            if (attempt.IsCancellationRequested)
            {
                // A unary call failed and asked the watch to prove itself: read again at once.
                return WatchOutcome.Resync;
            }

            _endpoints.Failed(endpoint);
            SetReachable(false, $"watch at {endpoint}: {Describe(ex)}");
            return WatchOutcome.Failed;
        }
        finally
        {
            Interlocked.CompareExchange(ref _watchAttempt, null, attempt);
        }
    }
}
