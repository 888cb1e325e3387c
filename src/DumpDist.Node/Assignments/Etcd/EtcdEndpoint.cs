using System.Net.Http;
using dotnet_etcd;
using Grpc.Net.Client;

namespace DumpDist.Node.Assignments.Etcd;

/// <summary>
/// One etcd member's client URL with its own gRPC channel. The channel has no retry policy, so a
/// failure reaches the store at once and the store decides (next endpoint, backoff, Reachable).
/// </summary>
internal sealed class EtcdEndpoint : IDisposable
{
    private readonly GrpcChannel _channel;

    public EtcdEndpoint(Uri url, TimeSpan timeout)
    {
        Url = url;
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = timeout,
            // A watch is a stream that may be silent for weeks; pings notice a peer that vanished
            // without closing the connection. etcd refuses pings more often than every 5 s.
            KeepAlivePingDelay = TimeSpan.FromSeconds(10),
            KeepAlivePingTimeout = timeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            EnableMultipleHttp2Connections = true,
        };
        _channel = GrpcChannel.ForAddress(url, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            InitialReconnectBackoff = TimeSpan.FromMilliseconds(250),
            MaxReconnectBackoff = TimeSpan.FromSeconds(2),
            ThrowOperationCanceledOnCancellation = true,
        });
        Client = new EtcdClient(_channel.CreateCallInvoker());
    }

    public Uri Url { get; }

    /// <summary>dotnet-etcd's client for range and txn; its generated watch client is used directly for the watch stream.</summary>
    public EtcdClient Client { get; }

    public override string ToString() => Url.ToString();

    public void Dispose()
    {
        Client.Dispose();
        _channel.Dispose();
    }
}
