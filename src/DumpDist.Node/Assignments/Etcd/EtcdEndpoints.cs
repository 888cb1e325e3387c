namespace DumpDist.Node.Assignments.Etcd;

/// <summary>
/// The configured endpoints and which one is in use: calls go to <see cref="Current"/> and a
/// failure moves on to the next, so a cluster with one member down keeps answering.
/// </summary>
internal sealed class EtcdEndpoints : IDisposable
{
    private readonly EtcdEndpoint[] _endpoints;
    private int _current;

    public EtcdEndpoints(IReadOnlyList<Uri> urls, TimeSpan timeout)
    {
        if (urls.Count == 0)
        {
            throw new ArgumentException("at least one etcd endpoint is required", nameof(urls));
        }

        _endpoints = [.. urls.Select(url => new EtcdEndpoint(url, timeout))];
    }

    public int Count => _endpoints.Length;

    public EtcdEndpoint Current => _endpoints[Volatile.Read(ref _current) % _endpoints.Length];

    /// <summary>Moves past <paramref name="failed"/> if it is still the one in use (two failing calls move on once).</summary>
    public void Failed(EtcdEndpoint failed)
    {
        var index = Array.IndexOf(_endpoints, failed);
        if (index >= 0)
        {
            Interlocked.CompareExchange(ref _current, (index + 1) % _endpoints.Length, index);
        }
    }

    public void Dispose()
    {
        foreach (var endpoint in _endpoints)
        {
            endpoint.Dispose();
        }
    }
}
