namespace DumpDist.Core.Configuration;

/// <summary>One dataset pulled from a source and served (<c>datasets[]</c>).</summary>
public sealed record DatasetConfig
{
    /// <summary>Unique name (<c>name</c>, required), e.g. <c>xmldatadumps</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Directory relative to each host's <see cref="HostConfig.Root"/> and to the source URL (<c>path</c>, required).</summary>
    public required string Path { get; init; }

    /// <summary>How the directory is organised (<c>layout</c>, default <c>wiki-runs</c>).</summary>
    public DatasetLayout Layout { get; init; } = DatasetLayout.WikiRuns;

    /// <summary>Whether sync may delete files that left the source (<c>delete</c>, default <c>never</c>).</summary>
    public DeletePolicy Delete { get; init; } = DeletePolicy.Never;

    /// <summary>Most deletions one pass may make under <see cref="DeletePolicy.MirrorExact"/> (<c>max_delete</c>, default 0 = none).</summary>
    public int MaxDelete { get; init; }

    /// <summary>The effective source: the top-level <c>source</c> with this dataset's <c>source</c> keys laid over it.</summary>
    public required SourceConfig Source { get; init; }
}
