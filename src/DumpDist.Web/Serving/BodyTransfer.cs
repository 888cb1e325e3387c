using System.Net.Sockets;
using DumpDist.Web.Qos;
using Microsoft.AspNetCore.Http;

namespace DumpDist.Web.Serving;

/// <summary>
/// Sends file bytes (and multipart framing) after the response headers. Two paths:
/// zero-copy sendfile(2) on the connection's socket for cleartext HTTP/1.x, and a copy through
/// Kestrel's PipeWriter otherwise (TLS, HTTP/2, or sendfile disabled).
/// </summary>
/// <remarks>
/// The sendfile path relies on three things established in <see cref="Hosting.WebServer"/> and
/// <see cref="FileResponder"/>: the transport's write buffer is tiny, so awaiting the header
/// flush means the header bytes have been handed to the socket; socket operations on one socket
/// are queued in order by .NET, so our sendfile cannot overtake them; and the bytes we send are
/// added to Kestrel's own count (<see cref="KestrelBodyAccounting"/>), so Content-Length holds
/// and the connection stays alive for the next request.
/// An unpaced range goes out in pieces of <see cref="ZeroCopyPiece"/>: the socket engine calls
/// sendfile each time the socket becomes writable, and only a finished piece comes back to this
/// code (a thread-pool wake-up), so a client at a NIC's pace costs one wake-up per writable
/// socket, as with nginx, rather than two. A paced range goes out one grant at a time.
/// </remarks>
internal sealed class BodyTransfer : IDisposable
{
    /// <summary>Largest piece of an unpaced zero-copy range.</summary>
    public const int ZeroCopyPiece = 64 * 1024 * 1024;

    /// <summary>Piece size where the socket cannot report acknowledged bytes (progress is then seen per piece).</summary>
    public const int ZeroCopyPieceWithoutAcks = 8 * 1024 * 1024;

    private const int CopyChunk = 256 * 1024;
    private const int CopyGrant = 8 * 1024 * 1024;

    private readonly HttpContext _context;
    private readonly FileStream _file;
    private readonly Socket? _socket;
    private readonly TransferPacer? _pacer;
    private readonly TimeSpan _clientTimeout;
    private readonly TimeProvider _time;
    private readonly bool _acksVisible;
    private readonly SendBufferPolicy _sendBuffers;
    private SendPacketsOperation? _sendPackets;

    public BodyTransfer(HttpContext context, FileStream file, Socket? socket, TransferPacer? pacer, TimeSpan clientTimeout, TimeProvider time, SendBufferPolicy? sendBuffers = null)
    {
        _sendBuffers = sendBuffers ?? SendBufferPolicy.Off;
        _context = context;
        _file = file;
        _socket = socket;
        _pacer = pacer;
        _clientTimeout = clientTimeout;
        _time = time;
        _acksVisible = socket is not null && TcpProgress.BytesAcked(socket) is not null;
    }

    /// <summary>Body bytes handed to the connection so far (for the access log and metrics).</summary>
    public long BytesSent { get; private set; }

    public bool ZeroCopy => _socket is not null;

    /// <summary>True once this transfer gave its socket a send buffer beyond autotuning's (<see cref="SendBufferPolicy"/>).</summary>
    public bool SendBufferRaised { get; private set; }

    public async Task WriteBytesAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        if (_socket is not null)
        {
            while (!bytes.IsEmpty)
            {
                var pending = _socket.SendAsync(bytes, SocketFlags.None, cancellationToken);
                var n = pending.IsCompletedSuccessfully ? pending.Result : await OffTheSocketThreadAsync(pending);
                bytes = bytes[n..];
                BytesSent += n;
            }

            return;
        }

        await _context.Response.BodyWriter.WriteAsync(bytes, cancellationToken);
        BytesSent += bytes.Length;
    }

    /// <summary>Sends [offset, offset+count). Returns false when the client went away or stalled.</summary>
    public async Task<bool> SendFileRangeAsync(long offset, long count, CancellationToken cancellationToken)
    {
        // A stalled client must not hold a slot forever: abort the connection when it has taken no
        // bytes for the client timeout (Kestrel's MinResponseDataRate cannot see sendfile).
        using var watchdog = new SendProgressWatchdog(Progress, _clientTimeout, _time, _context.Abort);
        using var registration = cancellationToken.Register(static state => ((HttpContext)state!).Abort(), _context);
        try
        {
            return _socket is not null
                ? await SendFileZeroCopyAsync(offset, count, watchdog, cancellationToken)
                : await CopyAsync(offset, count, watchdog, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    private long Progress() => _acksVisible ? TcpProgress.BytesAcked(_socket!) ?? BytesSent : BytesSent;

    private async Task<bool> SendFileZeroCopyAsync(long offset, long count, SendProgressWatchdog watchdog, CancellationToken cancellationToken)
    {
        _sendPackets ??= new SendPacketsOperation();
        var element = new SendPacketsElement[1];
        var end = offset + count;
        while (offset < end)
        {
            // Until the send buffer has been looked at, small pieces, so a fast client gets its larger buffer early.
            var piece = !_acksVisible || _sendBuffers.CanRaise && !SendBufferRaised ? ZeroCopyPieceWithoutAcks : ZeroCopyPiece;

            // One sendfile per grant: a paced transfer wakes once per grant, not once per piece.
            var grant = (int)Math.Min(end - offset, _pacer?.GrantSize(piece) ?? piece);
            await PaceAsync(grant, watchdog, cancellationToken);
            element[0] = new SendPacketsElement(_file, offset, grant);
            var error = await _sendPackets.SendAsync(_socket!, element);
            if (error != SocketError.Success || cancellationToken.IsCancellationRequested || watchdog.Fired)
            {
                return false;
            }

            offset += grant;
            BytesSent += grant;
            RaiseSendBufferIfSaturated();
        }

        return true;
    }

    private void RaiseSendBufferIfSaturated()
    {
        if (SendBufferRaised || !_sendBuffers.CanRaise)
        {
            return;
        }

        if (_sendBuffers.Raise(_socket!.SendBufferSize) is { } size)
        {
            _socket.SendBufferSize = size;
            SendBufferRaised = true;
        }
    }

    private async Task<bool> CopyAsync(long offset, long count, SendProgressWatchdog watchdog, CancellationToken cancellationToken)
    {
        var writer = _context.Response.BodyWriter;
        var handle = _file.SafeFileHandle;
        var end = offset + count;
        while (offset < end)
        {
            var grantEnd = offset + (int)Math.Min(end - offset, _pacer?.GrantSize(CopyGrant) ?? CopyGrant);
            await PaceAsync((int)(grantEnd - offset), watchdog, cancellationToken);
            while (offset < grantEnd)
            {
                var want = (int)Math.Min(grantEnd - offset, CopyChunk);
                var memory = writer.GetMemory(want);
                var read = RandomAccess.Read(handle, memory.Span[..Math.Min(want, memory.Length)], offset);
                if (read == 0)
                {
                    // The file shrank under us; the declared length can no longer be honoured.
                    _context.Abort();
                    return false;
                }

                writer.Advance(read);
                var flush = await writer.FlushAsync(cancellationToken);
                offset += read;
                BytesSent += read;
                if (flush.IsCanceled || flush.IsCompleted || watchdog.Fired)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Waits for the pacer with the stall watchdog paused: waiting our turn is not the client stalling.</summary>
    private async ValueTask PaceAsync(int bytes, SendProgressWatchdog watchdog, CancellationToken cancellationToken)
    {
        if (_pacer is null)
        {
            return;
        }

        var wait = _pacer.PaceAsync(bytes, cancellationToken);
        if (!wait.IsCompletedSuccessfully)
        {
            watchdog.Pause();
            await wait;
            watchdog.Resume();
        }
    }

    /// <summary>
    /// With inline socket completions a send's continuation runs on the socket engine's thread;
    /// this code must not keep that thread, so it resumes on the thread pool.
    /// </summary>
    private static async ValueTask<int> OffTheSocketThreadAsync(ValueTask<int> pending)
    {
        var sent = await pending;
        await Task.Yield();
        return sent;
    }

    public void Dispose() => _sendPackets?.Dispose();
}
