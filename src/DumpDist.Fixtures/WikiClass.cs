namespace DumpDist.Fixtures;

/// <summary>Size class of a wiki; it decides file sizes, split parts and (in production) retention.</summary>
public enum WikiClass
{
    /// <summary>enwiki, wikidatawiki: jobs split in 27 page ranges, history in many parts.</summary>
    Huge,

    /// <summary>dewiki, frwiki, ...: jobs split in a few page ranges.</summary>
    Big,

    /// <summary>Everything else: one file per job, tiny files.</summary>
    Small,
}
