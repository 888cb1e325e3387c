using System.Security.Cryptography;

namespace DumpDist.Fixtures.Tests;

/// <summary>Reads a tree back the simple way (enough for the tests, not a tree model).</summary>
internal static class TreeFiles
{
    public static (string Md5, string Sha1) Sums(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return (Convert.ToHexStringLower(MD5.HashData(bytes)), Convert.ToHexStringLower(SHA1.HashData(bytes)));
    }

    /// <summary>Every entry under <paramref name="root"/>: relative path, then size, mtime and sha1 for files or the target for links.</summary>
    public static SortedDictionary<string, string> Describe(string root)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, entry.FullName);
            if (entry.LinkTarget is { } target)
            {
                result[relative] = "-> " + target;
            }
            else if (entry is FileInfo file)
            {
                result[relative] = $"{file.Length} {file.LastWriteTimeUtc:O} {Sums(file.FullName).Sha1}";
            }
            else
            {
                result[relative] = $"dir {entry.LastWriteTimeUtc:O}";
            }
        }

        return result;
    }
}
