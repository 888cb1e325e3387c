using DumpDist.Core.Tree;

namespace DumpDist.Retention.Planning;

/// <summary>
/// A directory of an other dataset holding <c>YYYYMMDD</c> directories: the dataset itself
/// (<c>other/cirrussearch/20261123/</c>) or one level below it (<c>other/wikibase/wikidatawiki/20261118/</c>).
/// Retention counts and ages each group on its own.
/// </summary>
internal sealed record DatedGroup(string DirectoryPath, IReadOnlyList<string> Dates)
{
    /// <summary>The dated groups of the dataset in <paramref name="datasetDirectory"/>, ordered by path; empty for a flat dataset.</summary>
    public static IReadOnlyList<DatedGroup> Find(string datasetDirectory)
    {
        var direct = DatesIn(datasetDirectory);
        if (direct.Count > 0)
        {
            return [new DatedGroup(datasetDirectory, direct)];
        }

        return Subdirectories(datasetDirectory)
            .Select(d => new DatedGroup(d, DatesIn(d)))
            .Where(g => g.Dates.Count > 0)
            .ToList();
    }

    private static List<string> DatesIn(string directory) =>
        Subdirectories(directory).Select(Path.GetFileName).OfType<string>().Where(RunDate.IsRunDirectoryName).Order(StringComparer.Ordinal).ToList();

    private static IEnumerable<string> Subdirectories(string directory) =>
        new DirectoryInfo(directory).EnumerateDirectories()
            .Where(d => d.LinkTarget is null && !d.Name.StartsWith('.') && !PublishRules.IsExcludedDirectoryName(d.Name))
            .Select(d => d.FullName)
            .Order(StringComparer.Ordinal);
}
