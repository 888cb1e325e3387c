using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DumpDist.Web.Hosting;

/// <summary>
/// Two socket transports behind one Kestrel: listeners that may send bodies with sendfile(2) get
/// a 2-byte transport write buffer (so awaiting Kestrel's flush means the header bytes are on the
/// socket before our sendfile goes behind them); TLS listeners, and every listener when
/// zero-copy is off, get Kestrel's default buffering, which batches small writes. The choice
/// rides on the endpoint's type: <see cref="BufferedEndPoint"/> marks the buffered ones.
/// </summary>
internal sealed class TransportSplit(SocketTransportOptions zeroCopy, SocketTransportOptions buffered, ILoggerFactory loggers)
    : IConnectionListenerFactory, IConnectionListenerFactorySelector
{
    /// <summary>Transport write buffer of zero-copy listeners: awaiting a flush waits for the socket.</summary>
    public const long ZeroCopyWriteBuffer = 2;

    private readonly SocketTransportFactory _zeroCopy = new(Options.Create(zeroCopy), loggers);
    private readonly SocketTransportFactory _buffered = new(Options.Create(buffered), loggers);

    public ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default) =>
        endpoint is BufferedEndPoint
            ? _buffered.BindAsync(endpoint, cancellationToken)
            : _zeroCopy.BindAsync(endpoint, cancellationToken);

    public bool CanBind(EndPoint endpoint) => _zeroCopy.CanBind(endpoint);

    /// <summary>Copies the settings both transports share; the write buffer is the one difference.</summary>
    public static TransportSplit Create(Action<SocketTransportOptions> configure, ILoggerFactory loggers)
    {
        var zeroCopy = new SocketTransportOptions();
        configure(zeroCopy);
        zeroCopy.MaxWriteBufferSize = ZeroCopyWriteBuffer;
        var buffered = new SocketTransportOptions();
        configure(buffered);
        return new TransportSplit(zeroCopy, buffered, loggers);
    }
}
