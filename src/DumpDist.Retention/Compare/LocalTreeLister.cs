using System.IO.Enumeration;
using DumpDist.Retention.Execution;
using DumpDist.Retention.IO;

namespace DumpDist.Retention.Compare;

/// <summary>Lists a local tree: one readdir per directory and one lstat per entry, as <c>find -printf</c> would.</summary>
internal static class LocalTreeLister
{
    private static readonly EnumerationOptions Options = new()
    {
        RecurseSubdirectories = true,
        AttributesToSkip = 0,
        IgnoreInaccessible = false,
        ReturnSpecialDirectories = false,
    };

    public static TreeListing List(string directory, PassProgress? progress = null, CancellationToken cancellationToken = default)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        var prefix = root.Length + 1;
        var entries = new FileSystemEnumerable<(string Path, TreeEntry Entry)>(
            root,
            (ref FileSystemEntry e) =>
            {
                var isLink = (e.Attributes & FileAttributes.ReparsePoint) != 0;
                var kind = isLink ? FileKind.Symlink : e.IsDirectory ? FileKind.Directory : FileKind.File;
                var parent = e.Directory.Length > root.Length ? e.Directory[prefix..] : [];
                var path = parent.IsEmpty ? e.FileName.ToString() : string.Concat(parent, "/", e.FileName);
                var mtime = e.LastWriteTimeUtc.ToUnixTimeSeconds();
                var size = kind == FileKind.File ? e.Length : 0;
                var target = isLink ? new FileInfo(e.ToFullPath()).LinkTarget : null;
                return (path, new TreeEntry(kind, size, mtime, target));
            },
            Options)
        {
            ShouldIncludePredicate = (ref FileSystemEntry e) => !PublishedFilter.Skips(e.FileName, e.IsDirectory && (e.Attributes & FileAttributes.ReparsePoint) == 0),
            ShouldRecursePredicate = (ref FileSystemEntry e) => (e.Attributes & FileAttributes.ReparsePoint) == 0 && !PublishedFilter.Skips(e.FileName, isDirectory: true),
        };

        var listing = new Dictionary<string, TreeEntry>(StringComparer.Ordinal);
        foreach (var (path, entry) in entries)
        {
            listing[path] = entry;
            if ((listing.Count & 0x3FF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Advance(0x400);
            }
        }

        return new TreeListing(directory, listing, WallClockMtimes: false);
    }
}
