namespace DumpDist.Fixtures;

/// <summary>One dated run directory <c>public/WIKI/YYYYMMDD/</c>.</summary>
/// <param name="Wiki">The wiki.</param>
/// <param name="Date">The directory name, <c>YYYYMMDD</c>.</param>
/// <param name="State">What the generator meant it to be.</param>
/// <param name="Jobs">Jobs in dumpstatus.json order.</param>
/// <param name="StatusFiles">Status and index files written in the run directory (dumpstatus.json, index.html, checksum files, ...).</param>
public sealed record FixtureRun(string Wiki, string Date, FixtureRunState State, IReadOnlyList<FixtureJob> Jobs, IReadOnlyList<string> StatusFiles)
{
    /// <summary>The run directory relative to the tree root.</summary>
    public string RelativePath => $"public/{Wiki}/{Date}";

    /// <summary>All data files on disk in the run directory (complete and partial).</summary>
    public IEnumerable<FixtureFile> Files => Jobs.SelectMany(j => j.Files);
}
