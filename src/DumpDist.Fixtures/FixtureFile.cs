namespace DumpDist.Fixtures;

/// <summary>A file the generator wrote, with the sums of the bytes actually on disk (lower-case hex).</summary>
/// <param name="Name">The name on disk (a partial file ends in <c>.inprog</c>).</param>
/// <param name="Size">Bytes on disk.</param>
/// <param name="Md5">MD5 of those bytes.</param>
/// <param name="Sha1">SHA-1 of those bytes.</param>
/// <param name="State">Complete, or a partial <c>.inprog</c> file.</param>
/// <param name="Listed">Whether dumpstatus.json and the checksum files list it with its sums (files of done jobs).</param>
public sealed record FixtureFile(string Name, long Size, string Md5, string Sha1, FixtureFileState State, bool Listed);
