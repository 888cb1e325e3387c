namespace DumpDist.Web.Qos;

/// <summary>
/// Paces one download against its own rate (after the free first bytes), its IP's shared bucket
/// and the global bucket. Reads the current settings at every chunk, so a reload applies mid-transfer.
/// </summary>
internal sealed class TransferPacer(QosSettingsSource settings, TokenBucket? ipBucket, TokenBucket global, TimeProvider time, bool exempt)
{
    private const int MaxChunk = 256 * 1024;
    private const int MinChunk = 16 * 1024;
    private TokenBucket? _own;
    private long _sent;

    /// <summary>How many bytes to send per step: small enough that rates stay smooth.</summary>
    public int ChunkSize(int unthrottled)
    {
        var current = settings.Current;
        var slowest = long.MaxValue;
        if (!exempt)
        {
            if (current.Rate > 0)
            {
                slowest = Math.Min(slowest, current.Rate);
            }

            if (current.IpRate > 0)
            {
                slowest = Math.Min(slowest, current.IpRate);
            }
        }

        if (!exempt && current.GlobalRate > 0)
        {
            slowest = Math.Min(slowest, current.GlobalRate);
        }

        if (slowest == long.MaxValue)
        {
            return unthrottled;
        }

        return (int)Math.Clamp(slowest / 16, MinChunk, MaxChunk);
    }

    public async ValueTask PaceAsync(int bytes, CancellationToken cancellationToken)
    {
        var current = settings.Current;
        var wait = TimeSpan.Zero;
        if (!exempt)
        {
            if (current.Rate > 0)
            {
                var free = Math.Max(0, current.RateAfter - _sent);
                var charged = bytes - Math.Min(free, bytes);
                if (charged > 0)
                {
                    _own ??= new TokenBucket(time);
                    wait = Max(wait, _own.Take(charged, current.Rate));
                }
            }

            if (current.IpRate > 0 && ipBucket is not null)
            {
                wait = Max(wait, ipBucket.Take(bytes, current.IpRate));
            }
        }

        if (!exempt && current.GlobalRate > 0)
        {
            wait = Max(wait, global.Take(bytes, current.GlobalRate));
        }

        _sent += bytes;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
