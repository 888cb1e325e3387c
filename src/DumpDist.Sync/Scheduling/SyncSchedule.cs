using Cronos;

namespace DumpDist.Sync.Scheduling;

/// <summary>
/// When a dataset's passes start: every <see cref="Interval"/> (aligned to the Unix epoch) or on
/// a cron expression (UTC), both shifted by this host's <see cref="Offset"/> so that two hosts
/// never pull at the same moment.
/// </summary>
public sealed record SyncSchedule
{
    private readonly CronExpression? _cron;

    private SyncSchedule(TimeSpan? interval, CronExpression? cron, string? cronText, TimeSpan offset)
    {
        Interval = interval;
        _cron = cron;
        Cron = cronText;
        Offset = offset;
    }

    public TimeSpan? Interval { get; }

    public string? Cron { get; }

    public TimeSpan Offset { get; }

    /// <summary>Every <paramref name="interval"/>, shifted by <paramref name="offset"/>.</summary>
    public static SyncSchedule Every(TimeSpan interval, TimeSpan offset = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        return new SyncSchedule(interval, null, null, offset);
    }

    /// <summary>On a five-field cron expression (UTC), shifted by <paramref name="offset"/>; null and an error when it does not parse.</summary>
    public static SyncSchedule? TryCron(string expression, TimeSpan offset, out string? error)
    {
        try
        {
            var cron = CronExpression.Parse(expression, CronFormat.Standard);
            error = null;
            return new SyncSchedule(null, cron, expression, offset);
        }
        catch (CronFormatException e)
        {
            error = $"cron '{expression}': {e.Message}";
            return null;
        }
    }

    /// <summary>The first start strictly after <paramref name="now"/>; null if the cron never fires again.</summary>
    public DateTimeOffset? Next(DateTimeOffset now)
    {
        if (Interval is { } interval)
        {
            var sinceEpoch = now - DateTimeOffset.UnixEpoch - Offset;
            var periods = (long)Math.Floor(sinceEpoch.Ticks / (double)interval.Ticks) + 1;
            return DateTimeOffset.UnixEpoch + Offset + TimeSpan.FromTicks(periods * interval.Ticks);
        }

        var next = _cron!.GetNextOccurrence(now - Offset, TimeZoneInfo.Utc);
        return next is { } n ? n + Offset : null;
    }
}
