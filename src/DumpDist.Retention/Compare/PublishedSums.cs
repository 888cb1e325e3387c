using DumpDist.Core.Tree;
using DumpDist.Retention.IO;
using DumpDist.Sync.Transport;

namespace DumpDist.Retention.Compare;

/// <summary>
/// The sums a remote side publishes (md5sums/sha1sums text files beside the data), fetched with rsync
/// into a temp directory and read with the tree model's checksum reader: path to digests.
/// </summary>
internal sealed class PublishedSums(RsyncRunner rsync)
{
    /// <summary>Path to (md5, sha1) as the side's sums files give them; null and why when they could not be fetched.</summary>
    public async Task<(Dictionary<string, (string? Md5, string? Sha1)>? Sums, string? Error)> FetchAsync(ComparedSide side, TreeListing listing, CancellationToken cancellationToken)
    {
        var files = SumsFiles(listing);
        var sums = new Dictionary<string, (string? Md5, string? Sha1)>(StringComparer.Ordinal);
        if (files.Count == 0)
        {
            return (sums, null);
        }

        var temp = Path.Combine(Path.GetTempPath(), $"dumpdist-compare-sums-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            var list = Path.Combine(temp, ".files-from");
            await File.WriteAllLinesAsync(list, files.Select(side.Daemon!.FilesFromEntry), cancellationToken);
            var result = await rsync.RunAsync(["-t", "--no-h", "--contimeout=60", "--files-from=" + list, side.Daemon.Root, temp + "/"], null, cancellationToken);
            if (!result.Succeeded)
            {
                return (null, $"{side.Argument}: fetching its sums files: {result.Describe()}");
            }

            foreach (var file in files)
            {
                if (ChecksumFile.Read(Path.Combine(temp, file)) is not { Succeeded: true } read)
                {
                    continue; // an unreadable sums file leaves its files unchecked
                }

                var directory = Path.GetDirectoryName(file)?.Replace('\\', '/') ?? string.Empty;
                foreach (var (name, hex) in read.Value.Sums)
                {
                    var path = directory.Length == 0 ? name : $"{directory}/{name}";
                    var known = sums.GetValueOrDefault(path);
                    sums[path] = read.Value.Algorithm == ChecksumAlgorithm.Sha1 ? known with { Sha1 = hex } : known with { Md5 = hex };
                }
            }

            return (sums, null);
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    /// <summary>
    /// The text sums files of a listing; a directory's per-file sums (<c>md5sums-&lt;file&gt;.txt</c>)
    /// only when it has no run-wide one (<c>&lt;wiki&gt;-&lt;date&gt;-sha1sums.txt</c>, <c>md5sums.txt</c>).
    /// </summary>
    internal static List<string> SumsFiles(TreeListing listing)
    {
        var all = new List<string>();
        for (var i = 0; i < listing.Count; i++)
        {
            if (listing.Entry(i).Kind == FileKind.File && listing.Path(i).EndsWith(".txt", StringComparison.Ordinal)
                && listing.Path(i).ToString() is var path && ChecksumFile.AlgorithmOf(Name(path)) is not null)
            {
                all.Add(path);
            }
        }

        return all.GroupBy(p => Path.GetDirectoryName(p) ?? string.Empty)
            .SelectMany(g => g.Any(p => !IsPerFile(Name(p))) ? g.Where(p => !IsPerFile(Name(p))) : g)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static bool IsPerFile(string name) =>
        name.StartsWith("md5sums-", StringComparison.Ordinal) || name.StartsWith("sha1sums-", StringComparison.Ordinal);

    private static string Name(string path) => path[(path.LastIndexOf('/') + 1)..];
}
