using Microsoft.Win32.SafeHandles;

namespace DumpDist.Fixtures.Writing;

/// <summary>A file being written: through <see cref="NativeFile"/> on Linux, a .NET file handle elsewhere.</summary>
internal sealed class OutputFile : IDisposable
{
    private readonly string path;
    private readonly SafeFileHandle? handle;
    private int descriptor;

    private OutputFile(string path, SafeFileHandle? handle, int descriptor)
    {
        this.path = path;
        this.handle = handle;
        this.descriptor = descriptor;
    }

    public static OutputFile Create(string path, bool native) => native
        ? new OutputFile(path, null, NativeFile.Create(path))
        : new OutputFile(path, File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write), -1);

    public void Write(ReadOnlySpan<byte> bytes, long offset)
    {
        if (handle is not null)
        {
            RandomAccess.Write(handle, bytes, offset);
        }
        else
        {
            NativeFile.Write(descriptor, bytes, offset, path);
        }
    }

    /// <summary>Stamps the modification time and closes.</summary>
    public void Complete(DateTime modifiedUtc)
    {
        if (handle is not null)
        {
            File.SetLastWriteTimeUtc(handle, modifiedUtc);
            handle.Dispose();
        }
        else
        {
            var fd = descriptor;
            descriptor = -1;
            NativeFile.StampAndClose(fd, modifiedUtc, path);
        }
    }

    public void Dispose()
    {
        handle?.Dispose();
        if (descriptor >= 0)
        {
            NativeFile.Abandon(descriptor);
            descriptor = -1;
        }
    }
}
