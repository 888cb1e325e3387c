using System.Net.Sockets;

namespace DumpDist.Web.Serving;

/// <summary>
/// Awaitable wrapper over <see cref="Socket.SendPacketsAsync(SocketAsyncEventArgs)"/>. On Linux a
/// <see cref="SendPacketsElement"/> built on a FileStream with an offset becomes sendfile(2) with
/// that offset, so the file's pages go from the page cache to the socket without a copy.
/// </summary>
internal sealed class SendPacketsOperation : IDisposable
{
    private readonly SocketAsyncEventArgs _args = new();
    private TaskCompletionSource<SocketError>? _pending;

    public SendPacketsOperation()
    {
        _args.Completed += (_, e) => _pending?.TrySetResult(e.SocketError);
    }

    public Task<SocketError> SendAsync(Socket socket, SendPacketsElement[] elements)
    {
        _args.SendPacketsElements = elements;
        _pending = new TaskCompletionSource<SocketError>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!socket.SendPacketsAsync(_args))
        {
            return Task.FromResult(_args.SocketError);
        }

        return _pending.Task;
    }

    public void Dispose() => _args.Dispose();
}
