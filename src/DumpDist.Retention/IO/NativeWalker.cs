using System.Runtime.InteropServices;
using System.Text;

namespace DumpDist.Retention.IO;

/// <summary>
/// Reads directories as find and du do: readdir, then statx of each name relative to its open
/// directory (no full-path lookup per entry, which is where .NET's enumeration spends its time),
/// symlinks never followed. Linux only (glibc or musl: the 64-bit <c>struct dirent</c> and
/// <c>struct statx</c> layouts are the same on x86-64 and arm64).
/// </summary>
internal static unsafe partial class NativeWalker
{
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;
    private const int DirentTypeOffset = 18;
    private const int DirentNameOffset = 19;
    private const byte TypeDirectory = 4;
    private const int NameMax = 256;

    [ThreadStatic]
    private static byte[]? t_linkBuffer;

    /// <summary>Leaves an entry out (and, for a directory, everything beneath it).</summary>
    public delegate bool Filter(ReadOnlySpan<byte> name, bool isDirectory);

    /// <summary>
    /// Receives each entry: its path relative to the root (<c>/</c> separated), its lstat, a symlink's target
    /// (UTF-8; empty otherwise). The spans are only valid during the call: nothing is allocated per entry.
    /// </summary>
    public delegate void EntryHandler(ReadOnlySpan<char> relativePath, in FileStat stat, ReadOnlySpan<byte> linkTarget);

    /// <summary>Receives one entry of one directory: its name (UTF-8), lstat and symlink target; valid during the call only.</summary>
    public delegate void NameHandler(ReadOnlySpan<byte> name, in FileStat stat, ReadOnlySpan<byte> linkTarget);

    /// <summary>
    /// Calls <paramref name="onEntry"/> for every entry beneath <paramref name="root"/> (not the root itself).
    /// Without <paramref name="statDirectories"/>, directories are reported from readdir alone (size 0, no mtime).
    /// A directory that vanishes or cannot be opened is skipped.
    /// </summary>
    public static void Walk(string root, bool statDirectories, bool readLinks, Filter? skip, EntryHandler onEntry, CancellationToken cancellationToken = default)
    {
        var pending = new Stack<string>();
        pending.Push(string.Empty);
        var pathBuffer = new char[4096];
        var rootPath = Path.TrimEndingDirectorySeparator(root);
        while (pending.TryPop(out var relative))
        {
            cancellationToken.ThrowIfCancellationRequested();
            ReadDirectory(relative.Length == 0 ? rootPath : $"{rootPath}/{relative}", statDirectories, readLinks, skip, (ReadOnlySpan<byte> name, in FileStat stat, ReadOnlySpan<byte> target) =>
            {
                var path = Join(pathBuffer, relative, name);
                onEntry(path, stat, target);
                if (stat.Kind == FileKind.Directory)
                {
                    pending.Push(path.ToString());
                }
            });
        }
    }

    /// <summary>Calls <paramref name="onEntry"/> for each entry of one directory (not <c>.</c> and <c>..</c>); false when it cannot be opened.</summary>
    public static bool ReadDirectory(string directoryPath, bool statDirectories, bool readLinks, Filter? skip, NameHandler onEntry)
    {
        var directory = OpenDirectory(directoryPath);
        if (directory == IntPtr.Zero)
        {
            return false;
        }

        try
        {
            var fd = DirectoryFd(directory);
            var linkBuffer = t_linkBuffer ??= new byte[4096];
            for (var entry = (byte*)ReadDirectoryEntry(directory); entry != null; entry = (byte*)ReadDirectoryEntry(directory))
            {
                var namePointer = entry + DirentNameOffset;
                var name = new ReadOnlySpan<byte>(namePointer, NameMax);
                name = name[..name.IndexOf((byte)0)];
                if (name.SequenceEqual("."u8) || name.SequenceEqual(".."u8))
                {
                    continue;
                }

                FileStat stat;
                if (entry[DirentTypeOffset] == TypeDirectory && !statDirectories)
                {
                    stat = new FileStat(FileKind.Directory, 0, 0, default, 0, 0, 1);
                }
                else if (!TryStat(fd, namePointer, out stat))
                {
                    continue; // vanished between readdir and statx
                }

                if (skip is not null && skip(name, stat.Kind == FileKind.Directory))
                {
                    continue;
                }

                var target = ReadOnlySpan<byte>.Empty;
                if (readLinks && stat.Kind == FileKind.Symlink)
                {
                    fixed (byte* buffer = linkBuffer)
                    {
                        var length = ReadLinkAt(fd, namePointer, buffer, linkBuffer.Length);
                        target = linkBuffer.AsSpan(0, (int)Math.Max(0, length));
                    }
                }

                onEntry(name, stat, target);
            }

            return true;
        }
        finally
        {
            _ = CloseDirectory(directory);
        }
    }

    /// <summary><paramref name="parent"/>/<paramref name="name"/> in <paramref name="buffer"/> (a path longer than the buffer would not open anyway).</summary>
    private static ReadOnlySpan<char> Join(char[] buffer, string parent, ReadOnlySpan<byte> name)
    {
        var at = 0;
        if (parent.Length > 0)
        {
            parent.CopyTo(buffer);
            buffer[parent.Length] = '/';
            at = parent.Length + 1;
        }

        return buffer.AsSpan(0, at + Encoding.UTF8.GetChars(name, buffer.AsSpan(at)));
    }

    private static bool TryStat(int fd, byte* name, out FileStat stat)
    {
        NativeFiles.StatxBuffer buffer;
        if (Statx(fd, name, AtSymlinkNoFollow, StatxBasicStats, &buffer) != 0)
        {
            stat = default;
            return false;
        }

        stat = buffer.ToStat();
        return true;
    }

    [LibraryImport("libc", EntryPoint = "opendir", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr OpenDirectory(string path);

    [LibraryImport("libc", EntryPoint = "dirfd")]
    private static partial int DirectoryFd(IntPtr directory);

    [LibraryImport("libc", EntryPoint = "readdir")]
    private static partial IntPtr ReadDirectoryEntry(IntPtr directory);

    [LibraryImport("libc", EntryPoint = "closedir")]
    private static partial int CloseDirectory(IntPtr directory);

    [LibraryImport("libc", EntryPoint = "statx")]
    private static partial int Statx(int dirFd, byte* path, int flags, uint mask, NativeFiles.StatxBuffer* buffer);

    [LibraryImport("libc", EntryPoint = "readlinkat")]
    private static partial nint ReadLinkAt(int dirFd, byte* path, byte* buffer, nint size);
}
