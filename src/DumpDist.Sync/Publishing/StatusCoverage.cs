using System.IO.Enumeration;
using DumpDist.Core.Tree;

namespace DumpDist.Sync.Publishing;

/// <summary>
/// Status is never published ahead of data: the files a staged checksum file names (the files a
/// run has finished) must already be at the destination. Stage 2 runs beside stage 1, so a job
/// that finished on the source while stage 1 walked past its directory shows up here, and the
/// pass fetches those files before it publishes. Reading the staged sums (<see cref="Read"/>)
/// can happen while stage 1 still runs; only <see cref="MissingAt"/> waits for it.
/// </summary>
public sealed class StatusCoverage
{
    private readonly Dictionary<string, HashSet<string>> _namedByDirectory;

    private StatusCoverage(Dictionary<string, HashSet<string>> namedByDirectory)
    {
        _namedByDirectory = namedByDirectory;
    }

    /// <summary>Nothing staged, nothing named.</summary>
    public static StatusCoverage None { get; } = new([]);

    /// <summary>The data files the staged checksum files name, by directory (relative, '/'-separated).</summary>
    public static StatusCoverage Read(StatusStaging staging)
    {
        var named = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var checksumFile in staging.Files().Where(IsChecksumFile))
        {
            var read = ChecksumFile.Read(Path.Combine(staging.Root, checksumFile));
            if (!read.Succeeded)
            {
                // A malformed checksum file names nothing; verification reports it.
                continue;
            }

            var directory = DirectoryOf(checksumFile);
            if (!named.TryGetValue(directory, out var names))
            {
                named[directory] = names = new HashSet<string>(StringComparer.Ordinal);
            }

            names.UnionWith(read.Value.Sums.Keys.Where(n => DumpTree.IsSafeName(n) && !PublishRules.IsNeverPublished(n)));
        }

        return new StatusCoverage(named);
    }

    /// <summary>
    /// Paths (relative to <paramref name="destination"/>, '/'-separated, sorted) of the named data
    /// files the destination does not have: one directory listing per run, not a stat per file.
    /// </summary>
    public IReadOnlyList<string> MissingAt(string destination)
    {
        var missing = new List<string>();
        foreach (var (directory, names) in _namedByDirectory)
        {
            var present = PresentNames(Path.Combine(destination, directory));
            foreach (var name in names)
            {
                if (!present.Contains(name))
                {
                    missing.Add(directory.Length == 0 ? name : directory + "/" + name);
                }
            }
        }

        missing.Sort(StringComparer.Ordinal);
        return missing;
    }

    private static HashSet<string> PresentNames(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var names = new FileSystemEnumerable<string>(directory, (ref FileSystemEntry entry) => entry.FileName.ToString(), new EnumerationOptions { AttributesToSkip = 0 });
        return new HashSet<string>(names, StringComparer.Ordinal);
    }

    private static bool IsChecksumFile(string relative) =>
        ChecksumFile.AlgorithmOf(Path.GetFileName(relative)) is not null && PublishRules.IsStatusOrIndexFile(relative);

    private static string DirectoryOf(string relative)
    {
        var slash = relative.LastIndexOf('/');
        return slash < 0 ? string.Empty : relative[..slash];
    }
}
