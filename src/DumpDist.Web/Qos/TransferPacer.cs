namespace DumpDist.Web.Qos;

/// <summary>
/// Paces one download against its own rate (after the free first bytes), its IP's shared bucket
/// and the global bucket. Reads the current settings at every grant, so a reload applies mid-transfer.
/// </summary>
/// <remarks>
/// A paced transfer moves in grants of half a second of its slowest rate (the buckets' burst):
/// one wait and one sendfile per grant. Smaller steps cost a timer, a thread-pool wake-up and a
/// send call each for no gain a client can see (measured in bench/web/load.sh: 200 downloads
/// at 2 MiB/s cost 2.2x nginx's CPU per GB with 128 KiB steps); TCP smooths the bursts anyway.
/// </remarks>
internal sealed class TransferPacer(QosSettingsSource settings, TokenBucket? ipBucket, TokenBucket global, TimeProvider time, bool exempt)
{
    /// <summary>Smallest grant, so a very low rate still sends whole pages per wake-up.</summary>
    public const int MinGrant = 16 * 1024;

    private TokenBucket? _own;
    private long _sent;

    /// <summary>
    /// How many bytes to send before the next wait: <paramref name="unthrottled"/> when no limit
    /// applies, else half a second of the slowest rate that applies, within
    /// [<see cref="MinGrant"/>, <paramref name="unthrottled"/>].
    /// </summary>
    public int GrantSize(int unthrottled)
    {
        if (exempt)
        {
            return unthrottled;
        }

        var current = settings.Current;
        var grant = long.MaxValue;
        if (current.Rate > 0)
        {
            // The free first bytes go out in one piece, then half-second grants.
            grant = Math.Min(grant, _sent < current.RateAfter ? current.RateAfter - _sent : current.Rate / 2);
        }

        if (current.IpRate > 0)
        {
            grant = Math.Min(grant, current.IpRate / 2);
        }

        if (current.GlobalRate > 0)
        {
            grant = Math.Min(grant, current.GlobalRate / 2);
        }

        return grant == long.MaxValue ? unthrottled : (int)Math.Clamp(grant, Math.Min(MinGrant, unthrottled), unthrottled);
    }

    /// <summary>Charges <paramref name="bytes"/> to every bucket that applies and waits until they may be sent.</summary>
    public ValueTask PaceAsync(int bytes, CancellationToken cancellationToken)
    {
        var wait = Charge(bytes);
        return wait > TimeSpan.Zero ? new ValueTask(Task.Delay(wait, time, cancellationToken)) : ValueTask.CompletedTask;
    }

    /// <summary>Charges the buckets and returns how long to wait before sending (exposed for tests).</summary>
    internal TimeSpan Charge(int bytes)
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

            if (current.GlobalRate > 0)
            {
                wait = Max(wait, global.Take(bytes, current.GlobalRate));
            }
        }

        _sent += bytes;
        return wait;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
