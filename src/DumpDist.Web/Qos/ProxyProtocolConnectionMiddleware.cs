using System.Net;
using Microsoft.AspNetCore.Connections;

namespace DumpDist.Web.Qos;

/// <summary>
/// Kestrel connection middleware: when the peer is a trusted proxy, a PROXY protocol header at
/// the start of the connection is consumed and its source address recorded as the client's.
/// Untrusted peers are not inspected at all, so their "PROXY ..." is just a bad HTTP request.
/// </summary>
internal static class ProxyProtocolConnectionMiddleware
{
    private static readonly TimeSpan HeaderTimeout = TimeSpan.FromSeconds(10);

    // Not an async lambda: for the usual peer (no trusted proxy) the connection goes straight to
    // HTTP without a state machine of ours living as long as the connection (176 bytes each).
    public static Func<ConnectionDelegate, ConnectionDelegate> Create(QosSettingsSource settings) => next => connection =>
    {
        var current = settings.Current;
        if (current.TrustedProxies.Count == 0 || connection.RemoteEndPoint is not IPEndPoint peer
            || !QosSettings.Contains(current.TrustedProxies, peer.Address.IsIPv4MappedToIPv6 ? peer.Address.MapToIPv4() : peer.Address))
        {
            return next(connection);
        }

        return ReadHeaderThenHttpAsync(connection, next);
    };

    private static async Task ReadHeaderThenHttpAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        var input = connection.Transport.Input;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed);
        timeout.CancelAfter(HeaderTimeout);
        while (true)
        {
            System.IO.Pipelines.ReadResult read;
            try
            {
                read = await input.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                connection.Abort();
                return;
            }

            var buffer = read.Buffer;
            switch (ProxyHeaderParser.TryParse(buffer, out var consumed, out var source))
            {
                case ProxyHeaderParser.Outcome.None:
                    input.AdvanceTo(buffer.Start);
                    await next(connection);
                    return;
                case ProxyHeaderParser.Outcome.Parsed:
                    input.AdvanceTo(buffer.GetPosition(consumed));
                    if (source is not null)
                    {
                        connection.Features.Set<IProxyProtocolFeature>(new ProxyProtocolFeature(source));
                    }

                    await next(connection);
                    return;
                case ProxyHeaderParser.Outcome.Invalid:
                    connection.Abort();
                    return;
                default:
                    if (read.IsCompleted)
                    {
                        connection.Abort();
                        return;
                    }

                    input.AdvanceTo(buffer.Start, buffer.End);
                    break;
            }
        }
    }
}
