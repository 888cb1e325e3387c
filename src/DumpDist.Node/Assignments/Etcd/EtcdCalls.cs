using Etcdserverpb;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace DumpDist.Node.Assignments.Etcd;

/// <summary>
/// Unary calls to etcd with the options' timeout on the <see cref="TimeProvider"/>. A read goes on
/// to the next endpoint when one does not answer; a commit is tried once, since a timed-out
/// transaction may have been applied. Expected failures come back as an error text and update
/// <see cref="EtcdAssignmentState.Reachable"/>; only the caller's cancellation is thrown.
/// </summary>
internal sealed class EtcdCalls(EtcdEndpoints endpoints, EtcdKeys keys, EtcdAssignmentState state, TimeSpan timeout, TimeProvider timeProvider, ILogger logger)
{
    /// <summary>Raised when etcd did not answer a call, so that a watch that still looks established proves itself.</summary>
    public event Action? Unanswered;

    public static string Describe(Exception exception) => exception switch
    {
        RpcException rpc => $"{rpc.StatusCode}: {rpc.Status.Detail}",
        _ => exception.Message,
    };

    /// <summary>Reads the assignments key into the state; returns the revision read at, or null when etcd did not answer.</summary>
    public async Task<long?> ReadAssignmentsAsync(CancellationToken cancellationToken)
    {
        var request = new RangeRequest { Key = keys.Assignments };
        var (response, _) = await InvokeAsync("read", isRead: true, (endpoint, token) => endpoint.Client.GetAsync(request, cancellationToken: token), cancellationToken);
        if (response is null)
        {
            return null;
        }

        state.Observe(response.Kvs.FirstOrDefault(), response.Header.Revision, "read");
        return response.Header.Revision;
    }

    public async Task<(T? Response, string? Error)> InvokeAsync<T>(string operation, bool isRead, Func<EtcdEndpoint, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
        where T : class
    {
        var errors = new List<string>();
        var attempts = isRead ? endpoints.Count : 1;
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var endpoint = endpoints.Current;
            using var expiry = new CancellationTokenSource(timeout, timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, expiry.Token);
            try
            {
                var response = await call(endpoint, linked.Token);
                state.SetReachable(true, endpoint.ToString());
                return (response, null);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is OperationCanceledException or RpcException)
            {
                if (ex is RpcException rpc && !expiry.IsCancellationRequested && !MeansUnreachable(rpc))
                {
                    var answer = $"{endpoint}: {Describe(ex)}";
                    state.SetReachable(true, endpoint.ToString());
                    EtcdStoreLog.CallFailed(logger, operation, answer);
                    return (null, answer);
                }

                errors.Add(expiry.IsCancellationRequested
                    ? $"{endpoint} did not answer within {timeout.TotalSeconds:0.###} s"
                    : $"{endpoint}: {Describe(ex)}");
                endpoints.Failed(endpoint);
            }
        }

        var detail = string.Join("; ", errors);
        state.SetReachable(false, detail);
        Unanswered?.Invoke();
        return (null, detail);
    }

    // Statuses that mean "no answer" (connection refused or reset, no leader, timed out); any other
    // status is an answer from etcd, which proves it reachable even though the call failed.
    private static bool MeansUnreachable(RpcException exception) =>
        exception.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Cancelled
            or StatusCode.Internal or StatusCode.Unknown;
}
