using System.Net;

namespace DumpDist.Web.Qos;

/// <summary>
/// Counts downloads in flight per (client IP + User-Agent) for the connection cap, and keeps the
/// per-IP shared token bucket alive while that IP has any download running.
/// </summary>
internal sealed class ClientLimiter(TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(IPAddress, string), int> _perClient = [];
    private readonly Dictionary<IPAddress, IpState> _perIp = [];

    public TokenBucket Global { get; } = new(time);

    /// <summary>Tries to start a download; null when the client is at its cap.</summary>
    public Lease? TryEnter(ClientIdentity client, int limit)
    {
        var key = (client.Address, client.UserAgent);
        lock (_lock)
        {
            _perClient.TryGetValue(key, out var count);
            if (limit > 0 && count >= limit)
            {
                return null;
            }

            _perClient[key] = count + 1;
            if (!_perIp.TryGetValue(client.Address, out var ip))
            {
                ip = new IpState(new TokenBucket(time));
                _perIp[client.Address] = ip;
            }

            ip.Downloads++;
            return new Lease(this, key, ip.Bucket);
        }
    }

    public int ActiveFor(ClientIdentity client)
    {
        lock (_lock)
        {
            return _perClient.GetValueOrDefault((client.Address, client.UserAgent));
        }
    }

    private void Exit((IPAddress Address, string UserAgent) key)
    {
        lock (_lock)
        {
            if (_perClient.TryGetValue(key, out var count))
            {
                if (count <= 1)
                {
                    _perClient.Remove(key);
                }
                else
                {
                    _perClient[key] = count - 1;
                }
            }

            if (_perIp.TryGetValue(key.Address, out var ip) && --ip.Downloads <= 0)
            {
                _perIp.Remove(key.Address);
            }
        }
    }

    /// <summary>One running download; disposing it releases the slot.</summary>
    internal sealed class Lease(ClientLimiter owner, (IPAddress, string) key, TokenBucket ipBucket) : IDisposable
    {
        private int _disposed;

        public TokenBucket IpBucket { get; } = ipBucket;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Exit(key);
            }
        }
    }

    private sealed class IpState(TokenBucket bucket)
    {
        public TokenBucket Bucket { get; } = bucket;

        public int Downloads { get; set; }
    }
}
