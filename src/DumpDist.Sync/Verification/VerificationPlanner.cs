using DumpDist.Core.IO;
using DumpDist.Core.Tree;

namespace DumpDist.Sync.Verification;

/// <summary>Decides which files to check: a whole tree (`dumpdist verify DIR`) or what a pass changed.</summary>
public static class VerificationPlanner
{
    /// <summary>Every file that any directory under <paramref name="root"/> publishes a digest or size for.</summary>
    public static VerificationPlan ForTree(string root)
    {
        var builder = new PlanBuilder(root);
        foreach (var directory in PublishedDirectories(root))
        {
            builder.AddDirectory(directory);
        }

        return builder.Build();
    }

    /// <summary>
    /// The changed data files (relative to <paramref name="root"/>) and every file of the
    /// directories whose checksum or status files changed.
    /// </summary>
    public static VerificationPlan ForChanges(string root, IEnumerable<string> changedDataFiles, IEnumerable<string> changedDirectories)
    {
        var builder = new PlanBuilder(root);
        foreach (var directory in changedDirectories.Distinct(StringComparer.Ordinal))
        {
            builder.AddDirectory(Path.Combine(root, directory));
        }

        foreach (var file in changedDataFiles)
        {
            builder.AddFile(Path.Combine(root, file));
        }

        return builder.Build();
    }

    private static IEnumerable<string> PublishedDirectories(string root)
    {
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            if (RunExpectations.HasExpectations(directory))
            {
                yield return directory;
            }

            IEnumerable<string> children;
            try
            {
                children = Directory.EnumerateDirectories(directory).ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var child in children.OrderDescending(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(child);
                if (!PublishRules.IsExcludedDirectoryName(name) && !name.StartsWith('.') && !new FileInfo(child).Attributes.HasFlag(FileAttributes.ReparsePoint))
                {
                    pending.Push(child);
                }
            }
        }
    }

    private sealed class PlanBuilder(string root)
    {
        private readonly Dictionary<string, RunExpectations> _directories = new(StringComparer.Ordinal);
        private readonly Dictionary<string, VerifyItem> _items = new(StringComparer.Ordinal);
        private readonly List<VerifyProblem> _problems = [];
        private readonly HashSet<string> _noChecksum = new(StringComparer.Ordinal);

        public void AddDirectory(string directory)
        {
            var expectations = Expectations(directory);
            foreach (var expected in expectations.Files.Values)
            {
                // RunExpectations holds plain names only, so this stays in the directory; a symlink may not.
                var fullPath = Path.Combine(directory, expected.Name);
                if (File.Exists(fullPath))
                {
                    Add(fullPath, expected);
                }
                else if (expected.Digest is not null && !PublishRules.IsStatusOrIndexFile(expected.Name))
                {
                    _problems.Add(new VerifyProblem(Relative(fullPath), VerifyProblemKind.Missing, "listed in the run's checksums but not present"));
                }
            }
        }

        public void AddFile(string fullPath)
        {
            var directory = Path.GetDirectoryName(fullPath)!;
            if (Expectations(directory).Files.TryGetValue(Path.GetFileName(fullPath), out var expected) && (expected.Digest is not null || expected.Size is not null))
            {
                Add(fullPath, expected);
            }
            else
            {
                _noChecksum.Add(fullPath);
            }
        }

        public VerificationPlan Build() =>
            new(_items.Values.OrderByDescending(i => i.Expected.Size ?? 0).ToList(), _problems, _noChecksum.Count(p => !_items.ContainsKey(p)));

        private void Add(string fullPath, ExpectedFile expected)
        {
            if (_items.ContainsKey(fullPath))
            {
                return;
            }

            // rsync -rlpt copies symlinks as they are: one that leads out of its run (to /dev/zero,
            // to /etc) is reported, never followed.
            if (new FileInfo(fullPath).LinkTarget is not null && !RealPath.IsWithin(fullPath, Path.GetDirectoryName(fullPath)!))
            {
                _problems.Add(new VerifyProblem(Relative(fullPath), VerifyProblemKind.NotConfined, "a symbolic link to outside its directory; not opened"));
                return;
            }

            _items[fullPath] = new VerifyItem(fullPath, Relative(fullPath), expected);
        }

        private RunExpectations Expectations(string directory)
        {
            if (!_directories.TryGetValue(directory, out var expectations))
            {
                expectations = RunExpectations.Load(directory);
                _directories[directory] = expectations;
                _problems.AddRange(expectations.Problems.Select(p =>
                    new VerifyProblem(Relative(p.Path), VerifyProblemKind.UnreadableExpectations, p.Message)));
                _problems.AddRange(expectations.RefusedNames.Select(p =>
                    new VerifyProblem(Relative(p.Path), VerifyProblemKind.RefusedName, p.Message)));
            }

            return expectations;
        }

        private string Relative(string fullPath) => Path.GetRelativePath(root, fullPath);
    }
}
