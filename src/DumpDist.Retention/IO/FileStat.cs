namespace DumpDist.Retention.IO;

/// <summary>
/// One lstat of a path: its kind, apparent size, the bytes its blocks take on disk, mtime, and
/// where it lives (device and inode, to count hard links once and to find the file system).
/// </summary>
internal readonly record struct FileStat(FileKind Kind, long Size, long Allocated, DateTime ModifiedUtc, ulong Device, ulong Inode, uint Links);
