namespace DumpDist.Core.Configuration;

/// <summary>A named group of wikis sharing a run count (<c>retention.wiki_classes[]</c>).</summary>
public sealed record WikiClassConfig
{
    /// <summary>Class name (<c>name</c>, required, unique), e.g. <c>huge</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Wiki database names (<c>wikis</c>, required); a wiki may be in one class only.</summary>
    public required IReadOnlyList<string> Wikis { get; init; }

    /// <summary>Newest runs kept (<c>keep</c>, required, at least 1).</summary>
    public required int Keep { get; init; }
}
