using System.Text;

namespace DumpDist.Core.Configuration;

/// <summary>
/// Reads an admin bearer token file (<c>admin.tokens[].file</c>, the client agent's <c>admin_token_file</c>). The files live
/// on each host, so the node and the agent check them at start, not the cluster file loader: the content is trimmed, and a
/// file that is empty, or whose mode grants the group or others any access, is refused.
/// </summary>
public static class AdminTokenFile
{
    // A token is a line of text; anything this big is the wrong file.
    private const int MaxBytes = 64 * 1024;

    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// Reads the token in <paramref name="path"/>. On failure <paramref name="token"/> is empty and <paramref name="error"/>
    /// says why, naming the file (and its mode, when that is the problem); on success <paramref name="error"/> is empty.
    /// </summary>
    public static bool TryRead(string path, out string token, out string error)
    {
        ArgumentNullException.ThrowIfNull(path);
        token = string.Empty;
        try
        {
            // The mode is read from the open handle, so it is the mode of the file whose bytes are read.
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
            if (!OperatingSystem.IsWindows())
            {
                var mode = File.GetUnixFileMode(handle);
                if ((mode & GroupOrOther) != 0)
                {
                    error = $"admin token file {path} has mode {Octal(mode)}, which gives group or others access; run chmod 600 {path}";
                    return false;
                }
            }

            var length = RandomAccess.GetLength(handle);
            if (length > MaxBytes)
            {
                error = $"admin token file {path} is {length} bytes; a token is one line of text";
                return false;
            }

            var bytes = new byte[length];
            var read = 0;
            while (read < bytes.Length)
            {
                var n = RandomAccess.Read(handle, bytes.AsSpan(read), read);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            var text = Encoding.UTF8.GetString(bytes, 0, read).Trim();
            if (text.Length == 0)
            {
                error = $"admin token file {path} is empty";
                return false;
            }

            if (text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                error = $"admin token file {path} holds more than one word; a token is one line without spaces";
                return false;
            }

            token = text;
            error = string.Empty;
            return true;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            error = $"cannot read admin token file {path}: no such file";
        }
        catch (UnauthorizedAccessException) when (Directory.Exists(path))
        {
            error = $"cannot read admin token file {path}: is a directory";
        }
        catch (UnauthorizedAccessException)
        {
            error = $"cannot read admin token file {path}: permission denied";
        }
        catch (IOException e)
        {
            error = $"cannot read admin token file {path}: {e.Message}";
        }

        return false;
    }

    private static string Octal(UnixFileMode mode) =>
        "0" + Convert.ToString((int)mode & 0x1FF, 8).PadLeft(3, '0');
}
