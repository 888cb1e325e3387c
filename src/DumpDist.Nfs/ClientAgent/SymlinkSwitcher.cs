using DumpDist.Nfs.IO;

namespace DumpDist.Nfs.ClientAgent;

/// <summary>
/// Points a symlink at a target atomically: a new link is created beside it and renamed over the
/// old one, so readers see the old target or the new, never a missing link. A real directory or
/// file at the link path is left alone and reported.
/// </summary>
public static class SymlinkSwitcher
{
    /// <summary>True when the link changed; an error string when it could not be pointed.</summary>
    public static (bool Changed, string? Error) Point(string link, string target)
    {
        var info = new FileInfo(link);
        if (info.LinkTarget is { } existing)
        {
            if (string.Equals(existing, target, StringComparison.Ordinal))
            {
                return (false, null);
            }
        }
        else if (info.Exists || Directory.Exists(link))
        {
            return (false, $"{link} exists and is not a symlink; not replacing it");
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(link))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(link)}.dumpdist-{Guid.NewGuid():N}");
        try
        {
            File.CreateSymbolicLink(temp, target);
            PosixRename.Rename(temp, link);
            return (true, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (false, $"cannot point {link} at {target}: {ex.Message}");
        }
        finally
        {
            if (new FileInfo(temp).LinkTarget is not null)
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>Where <paramref name="link"/> points, or null when it is not a symlink.</summary>
    public static string? Read(string link) => new FileInfo(link).LinkTarget;
}
