namespace DumpDist.Fixtures.Writing;

/// <summary>The sums (lower-case hex) of bytes just written.</summary>
internal readonly record struct WrittenFile(long Size, string Md5, string Sha1);
