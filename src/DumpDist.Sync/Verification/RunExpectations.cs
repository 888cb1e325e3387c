using DumpDist.Core.Tree;

namespace DumpDist.Sync.Verification;

/// <summary>
/// The published expectations of one directory: digests from its sha1sums files (else md5sums,
/// else the sums in dumpstatus.json) and sizes from dumpstatus.json. Unreadable files are problems;
/// names that are not plain file names of the directory are left out of <see cref="Files"/> and
/// listed in <see cref="RefusedNames"/>, so nothing outside the directory is ever opened.
/// </summary>
public sealed record RunExpectations(string Directory, IReadOnlyDictionary<string, ExpectedFile> Files, IReadOnlyList<TreeProblem> Problems)
{
    /// <summary>Entries whose name is not a plain file name (<see cref="PlainFileName"/>): which file, which line or key.</summary>
    public IReadOnlyList<TreeProblem> RefusedNames { get; init; } = [];

    /// <summary>Reads the checksum files and dumpstatus.json in <paramref name="directory"/>.</summary>
    public static RunExpectations Load(string directory)
    {
        var sha1 = new Dictionary<string, string>(StringComparer.Ordinal);
        var md5 = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<TreeProblem>();
        var refused = new List<TreeProblem>();
        foreach (var path in ChecksumFiles(directory))
        {
            var read = ChecksumFile.Read(path);
            if (!read.Succeeded)
            {
                problems.Add(read.Problem);
                continue;
            }

            refused.AddRange(read.Value.Refused);
            var target = read.Value.Algorithm == ChecksumAlgorithm.Sha1 ? sha1 : md5;
            foreach (var (name, hex) in read.Value.Sums)
            {
                target.TryAdd(name, hex);
            }
        }

        IReadOnlyDictionary<string, DumpFileEntry> status = new Dictionary<string, DumpFileEntry>();
        var statusPath = Path.Combine(directory, DumpStatusReader.FileName);
        if (File.Exists(statusPath))
        {
            var read = DumpStatusReader.Read(statusPath);
            if (read.Succeeded)
            {
                status = PlainEntries(statusPath, read.Value, refused);
            }
            else
            {
                problems.Add(read.Problem);
            }
        }

        var files = new Dictionary<string, ExpectedFile>(StringComparer.Ordinal);
        foreach (var name in sha1.Keys.Concat(md5.Keys).Concat(status.Keys).Distinct(StringComparer.Ordinal))
        {
            status.TryGetValue(name, out var entry);
            var (algorithm, digest) = sha1.TryGetValue(name, out var s1) ? (ChecksumAlgorithm.Sha1, s1)
                : md5.TryGetValue(name, out var m5) ? (ChecksumAlgorithm.Md5, m5)
                : entry?.Sha1 is { } es1 ? (ChecksumAlgorithm.Sha1, es1.ToLowerInvariant())
                : entry?.Md5 is { } em5 ? (ChecksumAlgorithm.Md5, em5.ToLowerInvariant())
                : ((ChecksumAlgorithm?)null, (string?)null);
            files[name] = new ExpectedFile(name, algorithm, digest, entry?.Size);
        }

        return new RunExpectations(directory, files, problems) { RefusedNames = refused };
    }

    /// <summary>True when the directory publishes any checksum or status file.</summary>
    public static bool HasExpectations(string directory) =>
        File.Exists(Path.Combine(directory, DumpStatusReader.FileName)) || ChecksumFiles(directory).Any();

    private static Dictionary<string, DumpFileEntry> PlainEntries(string statusPath, DumpStatus status, List<TreeProblem> refused)
    {
        var entries = new Dictionary<string, DumpFileEntry>(StringComparer.Ordinal);
        foreach (var job in status.Jobs)
        {
            foreach (var file in job.Files)
            {
                if (PlainFileName.Problem(file.Name) is { } problem)
                {
                    refused.Add(new TreeProblem(statusPath, PlainFileName.Refusal($"job {PlainFileName.Quote(job.Name)}, a key of \"files\"", file.Name, problem)));
                }
                else
                {
                    entries.TryAdd(file.Name, file);
                }
            }
        }

        return entries;
    }

    private static IEnumerable<string> ChecksumFiles(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            return [];
        }

        // Text before JSON twins, run-wide files before per-file ones: the first digest seen wins.
        return System.IO.Directory.EnumerateFiles(directory)
            .Where(p => ChecksumFile.AlgorithmOf(Path.GetFileName(p)) is not null
                && (p.EndsWith(".txt", StringComparison.Ordinal) || p.EndsWith(".json", StringComparison.Ordinal)))
            .OrderBy(p => p.EndsWith(".json", StringComparison.Ordinal))
            .ThenBy(p => Path.GetFileName(p).StartsWith("md5sums-", StringComparison.Ordinal) || Path.GetFileName(p).StartsWith("sha1sums-", StringComparison.Ordinal))
            .ThenBy(p => p, StringComparer.Ordinal);
    }
}
