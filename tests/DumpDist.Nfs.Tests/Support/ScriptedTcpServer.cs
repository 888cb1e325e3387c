using System.Net;
using System.Net.Sockets;

namespace DumpDist.Nfs.Tests.Support;

/// <summary>
/// A TcpListener on 127.0.0.1:0 that hands each accepted connection to a script: used for a
/// server that accepts but never answers, and for servers that answer with chosen RPC bytes.
/// </summary>
internal sealed class ScriptedTcpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _clients = [];
    private readonly Task _acceptLoop;

    public ScriptedTcpServer(Func<NetworkStream, CancellationToken, Task> script)
    {
        _listener.Start();
        _acceptLoop = AcceptAsync(script);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Reads the 4-byte record mark and the call body, returning the call's xid.</summary>
    public static async Task<uint> ReadCallXidAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var header = new byte[4];
        await stream.ReadExactlyAsync(header, cancellationToken);
        var length = (int)(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header) & 0x7FFF_FFFF);
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, cancellationToken);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(body);
    }

    private async Task AcceptAsync(Func<NetworkStream, CancellationToken, Task> script)
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                lock (_clients)
                {
                    _clients.Add(client);
                }

                _ = Task.Run(async () =>
                {
                    try
                    {
                        await script(client.GetStream(), _stop.Token);
                    }
                    catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
                    {
                    }
                });
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        lock (_clients)
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }
        }

        _stop.Dispose();
    }
}
