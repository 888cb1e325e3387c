namespace DumpDist.Fixtures.Planning;

/// <summary>An md5sums file of an other/ dataset listing files of its own directory by name.</summary>
internal sealed record ChecksumFilePlan(string Path, IReadOnlyList<string> Covers, DateTime Modified);
