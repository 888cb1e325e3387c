using DumpDist.Core.Configuration.Reading;

namespace DumpDist.Core.Configuration.Binding;

/// <summary>Binds <c>source</c> and the per-dataset <c>source</c> overrides (same keys, laid over the top-level values).</summary>
internal static class SourceBinder
{
    public static readonly string[] Keys = ["url", "bwlimit", "contimeout", "timeout", "schedule", "max_loss_fraction"];

    private static readonly string[] ScheduleKeys = ["interval", "cron", "offset"];

    /// <summary>Binds a source; with <paramref name="inherited"/> null it is the top-level one and <c>url</c> is required.</summary>
    public static SourceConfig Bind(MappingReader map, SourceConfig? inherited)
    {
        var defaults = inherited ?? new SourceConfig { Url = string.Empty };
        var schedule = map.Mapping("schedule", ScheduleKeys);
        return new SourceConfig
        {
            Url = map.ParseObject<string>("url", Url, required: inherited is null) ?? defaults.Url,
            BandwidthLimitKiB = map.Parse("bwlimit", Scalars.Size(1024)) ?? defaults.BandwidthLimitKiB,
            ConnectTimeout = map.Parse<TimeSpan>("contimeout", Scalars.Duration) ?? defaults.ConnectTimeout,
            Timeout = map.Parse<TimeSpan>("timeout", Scalars.Duration) ?? defaults.Timeout,
            Schedule = schedule is null ? defaults.Schedule : BindSchedule(schedule),
            MaxLossFraction = map.Parse<double>("max_loss_fraction", Scalars.Fraction) ?? defaults.MaxLossFraction,
        };
    }

    private static ScheduleConfig BindSchedule(MappingReader map)
    {
        var interval = map.Parse<TimeSpan>("interval", Scalars.Duration);
        var cron = map.ParseObject<string>("cron", Scalars.Cron);
        var offset = map.Parse<TimeSpan>("offset", Scalars.Duration) ?? TimeSpan.Zero;
        if (interval == TimeSpan.Zero)
        {
            map.Reader.Error(map.Reader.Positions.Of(map.PathOf("interval")), map.PathOf("interval"), "must be longer than 0s");
        }

        if (map.Has("interval") && map.Has("cron"))
        {
            map.Reader.Error(map.Reader.Positions.Of(map.PathOf("cron")), map.Path, "set either 'interval' or 'cron', not both");
        }

        return cron is not null
            ? new ScheduleConfig { Interval = null, Cron = cron, Offset = offset }
            : new ScheduleConfig { Interval = interval ?? TimeSpan.FromMinutes(10), Offset = offset };
    }

    /// <summary>An rsync daemon URL with a module, or an absolute local directory.</summary>
    private static string? Url(string text, out string value)
    {
        value = text;
        if (text.StartsWith('/'))
        {
            return null;
        }

        if (text.StartsWith("rsync://", StringComparison.OrdinalIgnoreCase)
            && Uri.TryCreate(text, UriKind.Absolute, out var uri)
            && uri.Host.Length > 0
            && uri.AbsolutePath.Trim('/').Length > 0)
        {
            return null;
        }

        return $"expected rsync://HOST[:PORT]/MODULE[/PATH] or an absolute path, got '{text}'";
    }
}
