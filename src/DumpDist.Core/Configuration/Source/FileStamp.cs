namespace DumpDist.Core.Configuration.Source;

/// <summary>What says a file changed: its modification time and size (an editor's rename-over moves both or at least the time).</summary>
internal readonly record struct FileStamp(DateTime Modified, long Length)
{
    public static FileStamp Of(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists ? new FileStamp(info.LastWriteTimeUtc, info.Length) : default;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return default;
        }
    }
}
