namespace DumpDist.Retention.IO;

/// <summary>What a directory entry is, as lstat sees it (symlinks are never followed).</summary>
internal enum FileKind
{
    /// <summary>A regular file.</summary>
    File,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A symbolic link.</summary>
    Symlink,

    /// <summary>A device, fifo or socket.</summary>
    Other,
}
