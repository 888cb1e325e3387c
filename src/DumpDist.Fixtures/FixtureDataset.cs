namespace DumpDist.Fixtures;

/// <summary>A dataset under <c>public/other/</c>.</summary>
/// <param name="Name">Directory name under <c>other/</c>, e.g. <c>pageviews</c>.</param>
/// <param name="Dated">True when it holds <c>YYYYMMDD</c> run directories; false for flat files.</param>
/// <param name="RunDirectories">For dated datasets, the run directories relative to the dataset, oldest first.</param>
/// <param name="Files">Every regular file written (data and checksum files).</param>
/// <param name="Links">Symlinks (path relative to the dataset, relative target).</param>
public sealed record FixtureDataset(
    string Name,
    bool Dated,
    IReadOnlyList<string> RunDirectories,
    IReadOnlyList<FixtureOtherFile> Files,
    IReadOnlyList<KeyValuePair<string, string>> Links);
