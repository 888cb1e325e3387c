namespace DumpDist.Core.Configuration;

/// <summary>Retention of one dataset under <c>other/</c> (<c>retention.other[]</c>): exactly one of a count or an age.</summary>
public sealed record OtherRetentionConfig
{
    /// <summary>Directory name under <c>other/</c> (<c>dataset</c>, required, unique), e.g. <c>pageviews</c>.</summary>
    public required string Dataset { get; init; }

    /// <summary>Newest dated entries kept (<c>keep</c>), or null when <see cref="MaxAge"/> is used.</summary>
    public int? Keep { get; init; }

    /// <summary>Entries older than this are removed (<c>max_age</c>), or null when <see cref="Keep"/> is used.</summary>
    public TimeSpan? MaxAge { get; init; }
}
