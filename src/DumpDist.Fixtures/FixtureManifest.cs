namespace DumpDist.Fixtures;

/// <summary>What the generator meant to write: compare a reading of the tree against it.</summary>
/// <param name="Root">The tree root (holds <c>public/</c>).</param>
/// <param name="Options">The options the tree was made with.</param>
/// <param name="Wikis">Wikis in the order they were planned (huge, big, small).</param>
/// <param name="OtherDatasets">Datasets under <c>public/other/</c>.</param>
/// <param name="ExcludedPaths">Files inside directories that must never be published (temp/, tmp/, bad/ ...), relative to the root.</param>
/// <param name="FileCount">Regular files written.</param>
/// <param name="SymlinkCount">Symlinks written.</param>
/// <param name="ByteCount">Bytes written into regular files.</param>
public sealed record FixtureManifest(
    string Root,
    FixtureOptions Options,
    IReadOnlyList<FixtureWiki> Wikis,
    IReadOnlyList<FixtureDataset> OtherDatasets,
    IReadOnlyList<string> ExcludedPaths,
    long FileCount,
    long SymlinkCount,
    long ByteCount)
{
    /// <summary>Every run of every wiki.</summary>
    public IEnumerable<FixtureRun> Runs => Wikis.SelectMany(w => w.Runs);

    /// <summary>Looks a wiki up by name.</summary>
    public FixtureWiki Wiki(string name) => Wikis.Single(w => w.Name == name);
}
