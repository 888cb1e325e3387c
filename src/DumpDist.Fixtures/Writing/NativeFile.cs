using System.Runtime.InteropServices;

namespace DumpDist.Fixtures.Writing;

/// <summary>
/// Creates a file with four system calls (creat, pwrite, futimens, close). .NET's own file handles add
/// flock twice, fstat, fstatfs and lseek per file, which is a fifth of the cost of a million tiny files.
/// Linux only; <see cref="TreeOutput"/> uses the managed path elsewhere.
/// </summary>
internal static unsafe partial class NativeFile
{
    private const uint Mode = 0b110_100_100; // 0644, before the umask

    public static bool IsSupported { get; } = OperatingSystem.IsLinux();

    /// <summary>Creates (or truncates) <paramref name="path"/> for writing; returns the descriptor.</summary>
    public static int Create(string path)
    {
        var fd = Creat(path, Mode);
        if (fd < 0)
        {
            throw Error("create", path);
        }

        return fd;
    }

    public static void Write(int fd, ReadOnlySpan<byte> content, long offset, string path)
    {
        fixed (byte* start = content)
        {
            var done = 0;
            while (done < content.Length)
            {
                var written = PWrite(fd, start + done, (nuint)(content.Length - done), offset + done);
                if (written < 0)
                {
                    if (Marshal.GetLastPInvokeError() == 4)
                    {
                        continue; // EINTR
                    }

                    throw Error("write", path);
                }

                done += (int)written;
            }
        }
    }

    /// <summary>Sets access and modification time and closes the file.</summary>
    public static void StampAndClose(int fd, DateTime modifiedUtc, string path)
    {
        var seconds = (long)(modifiedUtc - DateTime.UnixEpoch).TotalSeconds;
        var times = stackalloc Timespec[2];
        times[0] = new Timespec(seconds, 0);
        times[1] = new Timespec(seconds, 0);
        var stamped = FutimeNs(fd, times);
        var error = stamped < 0 ? Error("set the time of", path) : null;
        if (Close(fd) < 0 && error is null)
        {
            error = Error("close", path);
        }

        if (error is not null)
        {
            throw error;
        }
    }

    public static void Abandon(int fd) => Close(fd);

    private static IOException Error(string what, string path)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new IOException($"cannot {what} {path}: {Marshal.GetPInvokeErrorMessage(errno)}", errno);
    }

    [LibraryImport("libc", EntryPoint = "creat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Creat(string path, uint mode);

    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    private static partial nint PWrite(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport("libc", EntryPoint = "futimens", SetLastError = true)]
    private static partial int FutimeNs(int fd, Timespec* times);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    [StructLayout(LayoutKind.Sequential)]
    private readonly struct Timespec(long seconds, long nanoseconds)
    {
        public readonly long Seconds = seconds;
        public readonly long Nanoseconds = nanoseconds;
    }
}
