namespace DumpDist.Core.Configuration;

/// <summary>
/// What each host keeps (<c>retention</c>). Defaults are production's: huge wikis 7 runs, big wikis 8, the rest 10.
/// </summary>
public sealed record RetentionConfig
{
    /// <summary>Wikis grouped by size with their own run counts (<c>wiki_classes</c>).</summary>
    public IReadOnlyList<WikiClassConfig> WikiClasses { get; init; } = DefaultWikiClasses;

    /// <summary>Runs kept for a wiki in no class (<c>default_keep</c>, default 10).</summary>
    public int DefaultKeep { get; init; } = 10;

    /// <summary>Rules for datasets under <c>other/</c> (<c>other</c>).</summary>
    public IReadOnlyList<OtherRetentionConfig> Other { get; init; } = [];

    /// <summary>The production classes used when <c>wiki_classes</c> is absent.</summary>
    public static IReadOnlyList<WikiClassConfig> DefaultWikiClasses { get; } =
    [
        new() { Name = "huge", Wikis = ["enwiki", "wikidatawiki"], Keep = 7 },
        new()
        {
            Name = "big",
            Wikis =
            [
                "commonswiki", "dewiki", "eswiki", "frwiki", "itwiki", "jawiki", "metawiki",
                "nlwiki", "plwiki", "ptwiki", "ruwiki", "svwiki", "zhwiki",
            ],
            Keep = 8,
        },
    ];

    /// <summary>How many runs to keep for <paramref name="wiki"/>: its class's count, else <see cref="DefaultKeep"/>.</summary>
    public int KeepFor(string wiki)
    {
        foreach (var wikiClass in WikiClasses)
        {
            if (wikiClass.Wikis.Contains(wiki, StringComparer.Ordinal))
            {
                return wikiClass.Keep;
            }
        }

        return DefaultKeep;
    }

    /// <summary>The rule for other dataset <paramref name="dataset"/>, or null (keep everything).</summary>
    public OtherRetentionConfig? FindOther(string dataset) =>
        Other.FirstOrDefault(o => string.Equals(o.Dataset, dataset, StringComparison.Ordinal));
}
