using System.Net.Sockets;

namespace DumpDist.Nfs.Probe;

/// <summary>
/// Checks that an NFSv4 server answers: connects over TCP, sends an ONC RPC NULL call for
/// program 100003 version 4 and waits for an accepted reply. It needs only the NFS port, so it
/// works where rpcbind and mountd are closed (where <c>showmount</c> cannot).
/// </summary>
public sealed class NfsProbe(TimeProvider timeProvider)
{
    /// <summary>Replies to NULL are a few dozen bytes; anything far bigger is not NFS.</summary>
    private const int MaxReplyLength = 64 * 1024;

    /// <summary>Creates a probe on the system clock.</summary>
    public NfsProbe()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Probes <paramref name="endpoint"/>; never throws for network failures, only for cancellation by the caller.</summary>
    public async Task<ProbeResult> ProbeAsync(NfsEndpoint endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        using var timeoutSource = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        var stage = "connect";
        try
        {
            // A dual-mode socket reaches IPv4 and IPv6 addresses, and names that resolve to either.
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(endpoint.Host, endpoint.Port, linked.Token);
            await using var stream = new NetworkStream(socket, ownsSocket: false);

            stage = "send";
            var xid = (uint)Random.Shared.NextInt64(1, uint.MaxValue);
            await stream.WriteAsync(RecordMarking.Encode(RpcNullCall.Encode(xid)), linked.Token);

            stage = "reply";
            var record = await RecordMarking.ReadRecordAsync(stream, MaxReplyLength, linked.Token);
            if (!record.Succeeded)
            {
                return ProbeResult.Down(endpoint, Elapsed(started), record.Error);
            }

            var check = RpcReplyParser.Parse(record.Record, xid);
            return check.Success
                ? ProbeResult.Up(endpoint, Elapsed(started))
                : ProbeResult.Down(endpoint, Elapsed(started), check.Description);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ProbeResult.Down(endpoint, Elapsed(started), $"timed out after {timeout.TotalSeconds:0.###} s waiting for {stage}");
        }
        catch (SocketException ex)
        {
            return ProbeResult.Down(endpoint, Elapsed(started), $"{stage} failed: {ex.SocketErrorCode} ({ex.Message})");
        }
        catch (IOException ex)
        {
            return ProbeResult.Down(endpoint, Elapsed(started), $"{stage} failed: {ex.Message}");
        }
    }

    private TimeSpan Elapsed(long started) => timeProvider.GetElapsedTime(started);
}
