using DumpDist.Core.Configuration;

namespace DumpDist.Retention.Planning;

/// <summary>
/// The cluster file's <c>retention</c> section as the planner asks it: each wiki's class and run count,
/// each other dataset's rule. The one-off form's <c>--keep N</c> replaces every wiki's count.
/// </summary>
internal sealed class RetentionRules(RetentionConfig config, int? keepOverride = null)
{
    /// <summary>The class of wikis named in no class (<c>default_keep</c>).</summary>
    public const string DefaultClass = "default";

    /// <summary>The configuration the rules come from.</summary>
    public RetentionConfig Config { get; } = config;

    /// <summary>The one-off <c>--keep N</c>, when given.</summary>
    public int? KeepOverride { get; } = keepOverride;

    /// <summary>The class and run count of <paramref name="wiki"/>.</summary>
    public WikiRule ForWiki(string wiki)
    {
        var wikiClass = Config.WikiClasses.FirstOrDefault(c => c.Wikis.Contains(wiki, StringComparer.Ordinal));
        var className = wikiClass?.Name ?? DefaultClass;
        return KeepOverride is { } keep
            ? new WikiRule(className, keep, "--keep")
            : new WikiRule(className, wikiClass?.Keep ?? Config.DefaultKeep, wikiClass is null ? "default_keep" : $"class {className}");
    }

    /// <summary>The rule of other dataset <paramref name="dataset"/>, or null (everything is kept).</summary>
    public OtherRetentionConfig? ForOther(string dataset) => Config.FindOther(dataset);
}
