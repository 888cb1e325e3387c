using DumpDist.Retention.IO;

namespace DumpDist.Retention.Compare;

/// <summary>One entry of a listed tree: kind, size, mtime in whole seconds (a symlink's target is kept beside it).</summary>
/// <param name="Kind">File, directory, symlink.</param>
/// <param name="Size">Bytes of a file; 0 otherwise.</param>
/// <param name="Mtime">Seconds since 1970 in UTC (a local tree), or of the local wall clock (an rsync listing, which prints local time).</param>
internal readonly record struct TreeEntry(FileKind Kind, long Size, long Mtime);
