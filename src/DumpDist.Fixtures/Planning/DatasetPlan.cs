namespace DumpDist.Fixtures.Planning;

/// <summary>An other/ dataset to write.</summary>
/// <remarks>Links: Relative symlinks: path in the dataset and target.</remarks>
internal sealed record DatasetPlan(
    string Name,
    bool Dated,
    IReadOnlyList<string> RunDirectories,
    IReadOnlyList<OtherFilePlan> Files,
    IReadOnlyList<ChecksumFilePlan> Checksums,
    IReadOnlyList<KeyValuePair<string, string>> Links);
