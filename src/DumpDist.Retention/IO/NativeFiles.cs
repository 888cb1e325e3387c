using System.Runtime.InteropServices;

namespace DumpDist.Retention.IO;

/// <summary>
/// statx(2) and rename(2). .NET exposes neither the blocks a file takes on disk nor its device,
/// and its File.Move copies across file systems (hours for a 100 GB file) where a cleanup must
/// instead refuse. Where statx is missing, sizes come from .NET and blocks are estimated.
/// </summary>
internal static partial class NativeFiles
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;
    private const int ErrnoNoEntry = 2;
    private const int ErrnoCrossDevice = 18;
    private static bool _statxMissing = !OperatingSystem.IsLinux();

    /// <summary>lstat of <paramref name="path"/>, or null when it does not exist (or cannot be read).</summary>
    public static FileStat? Stat(string path)
    {
        if (!_statxMissing)
        {
            try
            {
                if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxBasicStats, out var buffer) != 0)
                {
                    return null;
                }

                return buffer.ToStat();
            }
            catch (EntryPointNotFoundException)
            {
                _statxMissing = true;
            }
        }

        return ManagedStat(path);
    }

    /// <summary>rename(2): atomic, never a copy. The result says whether it worked, or why not.</summary>
    public static RenameResult Rename(string source, string destination)
    {
        if (RenameNative(source, destination) == 0)
        {
            return RenameResult.Done;
        }

        return Marshal.GetLastPInvokeError() switch
        {
            ErrnoCrossDevice => RenameResult.CrossDevice,
            ErrnoNoEntry => RenameResult.NotFound,
            var errno => RenameResult.Failed(Marshal.GetPInvokeErrorMessage(errno)),
        };
    }

    private static FileStat? ManagedStat(string path)
    {
        FileSystemInfo info = new FileInfo(path);
        if (!info.Exists)
        {
            info = new DirectoryInfo(path);
            if (!info.Exists)
            {
                return null;
            }
        }

        var kind = info.LinkTarget is not null ? FileKind.Symlink : info is DirectoryInfo ? FileKind.Directory : FileKind.File;
        var size = info is FileInfo file && kind == FileKind.File ? file.Length : 0;
        return new FileStat(kind, size, (size + 4095) / 4096 * 4096, info.LastWriteTimeUtc, 0, 0, 1);
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int dirFd, string path, int flags, uint mask, out StatxBuffer buffer);

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameNative(string source, string destination);

    /// <summary>struct statx: the same layout on every Linux architecture.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    internal struct StatxBuffer
    {
        [FieldOffset(16)]
        public uint Links;

        [FieldOffset(28)]
        public ushort Mode;

        [FieldOffset(32)]
        public ulong Inode;

        [FieldOffset(40)]
        public ulong Size;

        [FieldOffset(48)]
        public ulong Blocks;

        [FieldOffset(112)]
        public long MtimeSeconds;

        [FieldOffset(120)]
        public uint MtimeNanoseconds;

        [FieldOffset(136)]
        public uint DeviceMajor;

        [FieldOffset(140)]
        public uint DeviceMinor;

        public readonly FileStat ToStat()
        {
            var kind = (Mode & 0xF000) switch
            {
                0x8000 => FileKind.File,
                0x4000 => FileKind.Directory,
                0xA000 => FileKind.Symlink,
                _ => FileKind.Other,
            };
            var modified = DateTime.UnixEpoch.AddTicks((MtimeSeconds * TimeSpan.TicksPerSecond) + (MtimeNanoseconds / 100));
            return new FileStat(kind, (long)Size, (long)Blocks * 512, modified, ((ulong)DeviceMajor << 32) | DeviceMinor, Inode, Links);
        }
    }
}
