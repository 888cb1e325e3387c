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
/// </remarks>
internal sealed class BodyTransfer : IDisposable
{
    private const int CopyChunk = 256 * 1024;
    private const int SendFileChunk = 8 * 1024 * 1024;

    private readonly HttpContext _context;
    private readonly FileStream _file;
    private readonly Socket? _socket;
    private readonly TransferPacer? _pacer;
    private readonly TimeSpan _clientTimeout;
    private SendPacketsOperation? _sendPackets;

    public BodyTransfer(HttpContext context, FileStream file, Socket? socket, TransferPacer? pacer, TimeSpan clientTimeout)
    {
        _context = context;
        _file = file;
        _socket = socket;
        _pacer = pacer;
        _clientTimeout = clientTimeout;
    }

    /// <summary>Body bytes handed to the connection so far (for the access log and metrics).</summary>
    public long BytesSent { get; private set; }

    public bool ZeroCopy => _socket is not null;

    public async Task WriteBytesAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        if (_socket is not null)
        {
            while (!bytes.IsEmpty)
            {
                var n = await _socket.SendAsync(bytes, SocketFlags.None, cancellationToken);
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
        using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // A stalled client must not hold a slot forever: abort the connection when no chunk
        // completes within the client timeout (Kestrel's MinResponseDataRate cannot see sendfile).
        using var registration = watchdog.Token.Register(static state => ((HttpContext)state!).Abort(), _context);
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

    private async Task<bool> SendFileZeroCopyAsync(long offset, long count, CancellationTokenSource watchdog, CancellationToken cancellationToken)
    {
        _sendPackets ??= new SendPacketsOperation();
        var element = new SendPacketsElement[1];
        var end = offset + count;
        while (offset < end)
        {
            // One sendfile per grant: a paced transfer wakes once per grant, not once per piece.
            var grant = (int)Math.Min(end - offset, _pacer?.GrantSize(SendFileChunk) ?? SendFileChunk);
            await PaceAsync(grant, watchdog, cancellationToken);
            element[0] = new SendPacketsElement(_file, offset, grant);
            var error = await _sendPackets.SendAsync(_socket!, element);
            if (error != SocketError.Success || cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            offset += grant;
            BytesSent += grant;
        }

        return true;
    }

    private async Task<bool> CopyAsync(long offset, long count, CancellationTokenSource watchdog, CancellationToken cancellationToken)
    {
        var writer = _context.Response.BodyWriter;
        var handle = _file.SafeFileHandle;
        var end = offset + count;
        while (offset < end)
        {
            var grantEnd = offset + (int)Math.Min(end - offset, _pacer?.GrantSize(SendFileChunk) ?? SendFileChunk);
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
                if (flush.IsCanceled || flush.IsCompleted)
                {
                    return false;
                }

                watchdog.CancelAfter(_clientTimeout);
            }
        }

        return true;
    }

    /// <summary>
    /// Waits for the pacer (the stall watchdog is off meanwhile: waiting our turn is not the
    /// client stalling), then arms the watchdog for the bytes about to go out.
    /// </summary>
    private async ValueTask PaceAsync(int bytes, CancellationTokenSource watchdog, CancellationToken cancellationToken)
    {
        if (_pacer is not null)
        {
            watchdog.CancelAfter(Timeout.InfiniteTimeSpan);
            await _pacer.PaceAsync(bytes, cancellationToken);
        }

        watchdog.CancelAfter(_clientTimeout);
    }

    public void Dispose() => _sendPackets?.Dispose();
}
