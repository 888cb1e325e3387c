using Etcdserverpb;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Mvccpb;

namespace DumpDist.Node.Assignments.Etcd;

/// <summary>
/// Follows the assignments key: read, then watch from the revision after the read, so nothing
/// committed while no watch ran is missed. On a failure it retries with exponential backoff on
/// the <see cref="TimeProvider"/>; the state keeps the last known set meanwhile.
/// </summary>
internal sealed class EtcdWatch(EtcdCalls calls, EtcdEndpoints endpoints, EtcdKeys keys, EtcdAssignmentState state, EtcdStoreOptions options, TimeProvider timeProvider, ILogger logger)
{
    // etcd cancels a watch carrying this when its member loses the leader, instead of leaving it silent.
    private static readonly Metadata RequireLeader = new() { { "hasleader", "true" } };

    private CancellationTokenSource? _attempt;

    private enum Outcome
    {
        Stopped,
        Resync,
        Failed,
    }

    /// <summary>Ends the current watch attempt (if any) so that the loop reads again at once.</summary>
    public void Recheck() => Volatile.Read(ref _attempt)?.Cancel();

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var backoff = new EtcdBackoff(options.RetryInitial, options.RetryMax);
        while (!stoppingToken.IsCancellationRequested)
        {
            var outcome = await WatchOnceAsync(backoff, stoppingToken);
            if (outcome == Outcome.Stopped)
            {
                return;
            }

            if (outcome == Outcome.Resync)
            {
                continue;
            }

            var delay = backoff.Next();
            EtcdStoreLog.WatchRetry(logger, backoff.Failures, delay);
            try
            {
                await Task.Delay(delay, timeProvider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<Outcome> WatchOnceAsync(EtcdBackoff backoff, CancellationToken stoppingToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        Volatile.Write(ref _attempt, attempt);
        var endpoint = endpoints.Current;
        try
        {
            var revision = await calls.ReadAssignmentsAsync(attempt.Token);
            if (revision is null)
            {
                return Outcome.Failed;
            }

            endpoint = endpoints.Current;
            var from = revision.Value + 1;
            using var call = endpoint.Client.GetConnection().WatchClient.Watch(RequireLeader, cancellationToken: attempt.Token);
            await call.RequestStream.WriteAsync(new WatchRequest { CreateRequest = new WatchCreateRequest { Key = keys.Assignments, StartRevision = from } }, attempt.Token);
            while (await call.ResponseStream.MoveNext(attempt.Token))
            {
                var response = call.ResponseStream.Current;
                if (response.Created)
                {
                    backoff.Reset();
                    state.SetReachable(true, endpoint.ToString());
                    EtcdStoreLog.WatchStarted(logger, keys.Assignments.ToStringUtf8(), endpoint.ToString(), from);
                }

                if (response.CompactRevision > 0)
                {
                    EtcdStoreLog.WatchCompacted(logger, response.CompactRevision);
                    return Outcome.Resync;
                }

                if (response.Canceled)
                {
                    EtcdStoreLog.WatchCanceled(logger, response.CancelReason);
                    return Outcome.Failed;
                }

                foreach (var change in response.Events)
                {
                    if (change.Type == Event.Types.EventType.Put)
                    {
                        state.Observe(change.Kv, change.Kv.ModRevision, "watch");
                    }
                    else
                    {
                        state.Apply(null, keyModRevision: 0, change.Kv.ModRevision, "watch");
                    }
                }
            }

            endpoints.Failed(endpoint);
            state.SetReachable(false, $"{endpoint} closed the watch");
            return Outcome.Failed;
        }
        catch (Exception ex) when (ex is OperationCanceledException or RpcException or InvalidOperationException)
        {
            if (stoppingToken.IsCancellationRequested)
            {
                return Outcome.Stopped;
            }

            if (attempt.IsCancellationRequested)
            {
                // A call went unanswered and asked the watch to prove itself: read again at once.
                return Outcome.Resync;
            }

            endpoints.Failed(endpoint);
            state.SetReachable(false, $"watch at {endpoint}: {EtcdCalls.Describe(ex)}");
            return Outcome.Failed;
        }
        finally
        {
            Interlocked.CompareExchange(ref _attempt, null, attempt);
        }
    }
}
