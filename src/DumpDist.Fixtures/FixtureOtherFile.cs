namespace DumpDist.Fixtures;

/// <summary>A file of an <c>other/</c> dataset.</summary>
/// <param name="Path">Path relative to the dataset directory <c>public/other/DATASET/</c>, '/'-separated.</param>
/// <param name="Size">Bytes on disk.</param>
/// <param name="Md5">MD5 of those bytes.</param>
/// <param name="Sha1">SHA-1 of those bytes.</param>
/// <param name="State">Complete, or a partial <c>.inprog</c> file.</param>
public sealed record FixtureOtherFile(string Path, long Size, string Md5, string Sha1, FixtureFileState State);
