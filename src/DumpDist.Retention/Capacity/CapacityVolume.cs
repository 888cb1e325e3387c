namespace DumpDist.Retention.Capacity;

/// <summary>The file system holding the root, as statvfs reports it: <c>Usable</c> is what non-root writers can reach (used + available).</summary>
internal sealed record CapacityVolume(string Path, long SizeBytes, long UsedBytes, long AvailableBytes)
{
    public long UsableBytes => UsedBytes + AvailableBytes;

    /// <summary>The volume of <paramref name="path"/>, or null when it cannot be read.</summary>
    public static CapacityVolume? Of(string path)
    {
        try
        {
            var drive = new DriveInfo(path);
            return new CapacityVolume(path, drive.TotalSize, drive.TotalSize - drive.TotalFreeSpace, drive.AvailableFreeSpace);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}
