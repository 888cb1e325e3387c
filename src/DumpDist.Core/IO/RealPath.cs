using System.Runtime.InteropServices;

namespace DumpDist.Core.IO;

/// <summary>realpath(3): the path the kernel reaches when it opens <c>path</c>, every symlink and dot segment resolved.</summary>
public static partial class RealPath
{
    /// <summary>The resolved absolute path, or null when some part of it does not exist.</summary>
    public static string? Of(string path)
    {
        var resolved = Resolve(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            Free(resolved);
        }
    }

    /// <summary>True when <paramref name="path"/> resolves to <paramref name="directory"/> or somewhere beneath it.</summary>
    public static bool IsWithin(string path, string directory)
    {
        var real = Of(path);
        var realDirectory = Of(directory);
        return real is not null && realDirectory is not null
            && (real == realDirectory || real.StartsWith(realDirectory.EndsWith('/') ? realDirectory : realDirectory + "/", StringComparison.Ordinal));
    }

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr Resolve(string path, IntPtr resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void Free(IntPtr pointer);
}
