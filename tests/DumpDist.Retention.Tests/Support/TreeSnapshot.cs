namespace DumpDist.Retention.Tests.Support;

/// <summary>Every path under a directory with its size and mtime, to prove that something changed nothing.</summary>
internal static class TreeSnapshot
{
    public static IReadOnlyList<string> Of(string root) =>
        new DirectoryInfo(root).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(i => $"{Path.GetRelativePath(root, i.FullName)} {(i is FileInfo f && f.LinkTarget is null ? f.Length : -1)} {i.LastWriteTimeUtc.Ticks} {i.LinkTarget}")
            .Order(StringComparer.Ordinal)
            .ToList();

    public static int FileCount(string directory) =>
        Directory.EnumerateFiles(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }).Count();
}
