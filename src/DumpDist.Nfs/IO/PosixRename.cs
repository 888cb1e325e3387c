using System.Runtime.InteropServices;

namespace DumpDist.Nfs.IO;

/// <summary>
/// rename(2) itself: atomically replaces <c>to</c> with <c>from</c>, symlinks included (File.Move
/// refuses a symlink that points at a directory, and does not promise atomic replacement).
/// </summary>
internal static partial class PosixRename
{
    public static void Rename(string from, string to)
    {
        if (RenameNative(from, to) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"rename {from} -> {to} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
        }
    }

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameNative(string from, string to);
}
