using System.Text;
using DumpDist.Retention.Execution;
using DumpDist.Retention.IO;

namespace DumpDist.Retention.Compare;

/// <summary>
/// Compares two local trees directory by directory, as rsync's generator does, without listing either
/// tree first: each pair of directories is read (readdir + statx relative to the directory), the two
/// name lists are merged, and pairs of subdirectories go back on a queue that one worker per core
/// drains. Memory is a directory's worth of names per worker, whatever the size of the trees.
/// </summary>
internal static class LocalTreeComparer
{
    public static LocalComparison Compare(string a, string b, bool collectSameSizeFiles, PassProgress? progress = null, CancellationToken cancellationToken = default)
    {
        var rootA = Path.TrimEndingDirectorySeparator(Path.GetFullPath(a));
        var rootB = Path.TrimEndingDirectorySeparator(Path.GetFullPath(b));
        var queue = new Stack<string>();
        queue.Push(string.Empty);
        var gate = new object();
        var active = 0;
        var results = new List<Worker>();
        var workers = Math.Clamp(Environment.ProcessorCount, 1, 4);
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken }, _ =>
        {
            var worker = new Worker(rootA, rootB, collectSameSizeFiles);
            lock (results)
            {
                results.Add(worker);
            }

            while (!cancellationToken.IsCancellationRequested)
            {
                string relative;
                lock (gate)
                {
                    while (queue.Count == 0 && active > 0)
                    {
                        Monitor.Wait(gate);
                    }

                    if (queue.Count == 0)
                    {
                        Monitor.PulseAll(gate);
                        return;
                    }

                    relative = queue.Pop();
                    active++;
                }

                var children = worker.CompareDirectory(relative);
                progress?.Advance(children.Entries);
                lock (gate)
                {
                    foreach (var child in children.Directories)
                    {
                        queue.Push(child);
                    }

                    active--;
                    Monitor.PulseAll(gate);
                }
            }
        });
        cancellationToken.ThrowIfCancellationRequested();

        var differences = results.SelectMany(w => w.Differences).ToList();
        differences.Sort(TreeComparer.Order);
        var sameSize = results.SelectMany(w => w.SameSizeFiles).ToList();
        sameSize.Sort((x, y) => PathOrder.Compare(x.Path, y.Path));
        return new LocalComparison(differences, results.Sum(w => w.EntriesA), results.Sum(w => w.EntriesB), sameSize);
    }

    private readonly record struct Named(string Name, TreeEntry Entry, string? Link);

    private sealed class Worker(string rootA, string rootB, bool collectSameSizeFiles)
    {
        private readonly List<Named> _a = [];
        private readonly List<Named> _b = [];

        public List<Difference> Differences { get; } = [];

        public List<(string Path, long Size)> SameSizeFiles { get; } = [];

        public long EntriesA { get; private set; }

        public long EntriesB { get; private set; }

        /// <summary>Compares directory <paramref name="relative"/> of both trees; returns the subdirectories both hold, and the entries read.</summary>
        public (List<string> Directories, long Entries) CompareDirectory(string relative)
        {
            var directories = new List<string>();
            if (!Read(rootA, relative, _a) | !Read(rootB, relative, _b))
            {
                Differences.Add(new Difference(relative, "unreadable", Readable(rootA, relative), Readable(rootB, relative)));
                return (directories, 0);
            }

            EntriesA += _a.Count;
            EntriesB += _b.Count;
            for (int i = 0, j = 0; i < _a.Count || j < _b.Count;)
            {
                var order = i == _a.Count ? 1 : j == _b.Count ? -1 : string.CompareOrdinal(_a[i].Name, _b[j].Name);
                if (order < 0)
                {
                    Missing(relative, _a[i++], rootA, "only-in-a", isA: true);
                    continue;
                }

                if (order > 0)
                {
                    Missing(relative, _b[j++], rootB, "only-in-b", isA: false);
                    continue;
                }

                var (left, right) = (_a[i], _b[j]);
                i++;
                j++;
                var kinds = (left.Entry.Kind, right.Entry.Kind);
                if (kinds is (FileKind.Directory, FileKind.Directory))
                {
                    directories.Add(Join(relative, left.Name));
                }
                else if (left.Entry.Kind != right.Entry.Kind)
                {
                    Differences.Add(new Difference(Join(relative, left.Name), "type", TreeComparer.KindName(left.Entry.Kind), TreeComparer.KindName(right.Entry.Kind)));
                }
                else if (left.Entry.Kind == FileKind.Symlink && left.Link != right.Link)
                {
                    Differences.Add(new Difference(Join(relative, left.Name), "link", left.Link ?? string.Empty, right.Link ?? string.Empty));
                }
                else if (left.Entry.Kind == FileKind.File && left.Entry.Size != right.Entry.Size)
                {
                    Differences.Add(new Difference(Join(relative, left.Name), "size", TreeComparer.Describe(left.Entry.Size), TreeComparer.Describe(right.Entry.Size)));
                }
                else if (left.Entry.Kind == FileKind.File)
                {
                    if (left.Entry.Mtime != right.Entry.Mtime)
                    {
                        Differences.Add(new Difference(Join(relative, left.Name), "mtime", TreeComparer.Time(left.Entry.Mtime), TreeComparer.Time(right.Entry.Mtime)));
                    }

                    if (collectSameSizeFiles)
                    {
                        SameSizeFiles.Add((Join(relative, left.Name), left.Entry.Size));
                    }
                }
            }

            return (directories, _a.Count + _b.Count);
        }

        private void Missing(string relative, Named entry, string root, string kind, bool isA)
        {
            var path = Join(relative, entry.Name);
            string description;
            if (entry.Entry.Kind == FileKind.Directory)
            {
                var beneath = 0L;
                NativeWalker.Walk($"{root}/{path}", statDirectories: false, readLinks: false, PublishedFilter.Skips, (ReadOnlySpan<char> _, in FileStat _, ReadOnlySpan<byte> _) => beneath++);
                description = $"directory, {beneath} entries beneath";
                if (isA)
                {
                    EntriesA += beneath;
                }
                else
                {
                    EntriesB += beneath;
                }
            }
            else
            {
                description = TreeComparer.Describe(entry.Entry, entry.Link ?? string.Empty);
            }

            Differences.Add(isA ? new Difference(path, kind, description, string.Empty) : new Difference(path, kind, string.Empty, description));
        }

        private static bool Read(string root, string relative, List<Named> into)
        {
            into.Clear();
            var ok = NativeWalker.ReadDirectory(relative.Length == 0 ? root : $"{root}/{relative}", statDirectories: false, readLinks: true, PublishedFilter.Skips, (ReadOnlySpan<byte> name, in FileStat stat, ReadOnlySpan<byte> target) =>
            {
                var seconds = (stat.ModifiedUtc - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerSecond;
                into.Add(new Named(
                    Encoding.UTF8.GetString(name),
                    new TreeEntry(stat.Kind, stat.Kind == FileKind.File ? stat.Size : 0, seconds),
                    stat.Kind == FileKind.Symlink ? Encoding.UTF8.GetString(target) : null));
            });
            into.Sort((x, y) => string.CompareOrdinal(x.Name, y.Name));
            return ok;
        }

        private static string Readable(string root, string relative) =>
            Directory.Exists(relative.Length == 0 ? root : $"{root}/{relative}") ? "directory" : "cannot be read";

        private static string Join(string relative, string name) => relative.Length == 0 ? name : $"{relative}/{name}";
    }
}
