using DumpDist.Core.Configuration.Reading;

namespace DumpDist.Core.Configuration;

/// <summary>
/// When sync passes run (<c>schedule</c>): either every <see cref="Interval"/> or on a five-field
/// <see cref="Cron"/> expression (UTC), shifted per host by <see cref="Offset"/> times the host's index in <c>hosts</c>
/// so that hosts do not hit the source at the same moment.
/// </summary>
public sealed record ScheduleConfig
{
    /// <summary>Time between the starts of two passes (<c>interval</c>); null when <see cref="Cron"/> is set. Default 10 minutes.</summary>
    public TimeSpan? Interval { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>A five-field cron expression in UTC (<c>cron</c>), validated with Cronos; null when <see cref="Interval"/> is set.</summary>
    public string? Cron { get; init; }

    /// <summary>Per-host stagger (<c>offset</c>, default 0): <c>hosts[i]</c> starts <c>i * offset</c> later.</summary>
    public TimeSpan Offset { get; init; } = TimeSpan.Zero;

    /// <summary>The delay applied to the host at <paramref name="hostIndex"/> in <c>hosts</c>.</summary>
    public TimeSpan OffsetFor(int hostIndex) => Offset * hostIndex;

    /// <summary>Human form for summaries and logs: <c>every 10m, offset 5m per host</c> or <c>cron '15 * * * *'</c>.</summary>
    public string Describe()
    {
        var when = Cron is { } cron ? $"cron '{cron}'" : $"every {DurationParser.Format(Interval ?? TimeSpan.Zero)}";
        return Offset > TimeSpan.Zero ? $"{when}, offset {DurationParser.Format(Offset)} per host" : when;
    }
}
