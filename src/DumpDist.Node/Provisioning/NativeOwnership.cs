using System.Runtime.InteropServices;

namespace DumpDist.Node.Provisioning;

/// <summary>A directory's owner and group (statx) and changing them (chown), which .NET has no API for.</summary>
internal static partial class NativeOwnership
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxUid = 0x8;
    private const uint StatxGid = 0x10;

    /// <summary>The owner and group of <paramref name="path"/> (not following a symlink).</summary>
    public static (uint Uid, uint Gid) Of(string path)
    {
        Span<byte> buffer = stackalloc byte[256];
        if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxUid | StatxGid, ref MemoryMarshal.GetReference(buffer)) != 0)
        {
            throw new IOException($"{path}: cannot stat: {Marshal.GetLastPInvokeErrorMessage()}");
        }

        // struct statx: stx_uid at 20, stx_gid at 24 on every Linux architecture.
        return (BitConverter.ToUInt32(buffer[20..]), BitConverter.ToUInt32(buffer[24..]));
    }

    /// <summary>Gives <paramref name="path"/> to <paramref name="uid"/>:<paramref name="gid"/>.</summary>
    public static void Change(string path, uint uid, uint gid)
    {
        if (Chown(path, uid, gid) != 0)
        {
            throw new UnauthorizedAccessException($"{path}: cannot change owner to {uid}:{gid}: {Marshal.GetLastPInvokeErrorMessage()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int dirFd, string path, int flags, uint mask, ref byte buffer);

    [LibraryImport("libc", EntryPoint = "chown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Chown(string path, uint uid, uint gid);
}
