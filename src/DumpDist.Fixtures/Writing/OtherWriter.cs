using DumpDist.Fixtures.Planning;
using DumpDist.Fixtures.Rendering;

namespace DumpDist.Fixtures.Writing;

/// <summary>Writes public/other/ datasets and the never-published public/other/bad/ directory.</summary>
internal static class OtherWriter
{
    public static FixtureDataset Write(TreeOutput output, DatasetPlan dataset, CancellationToken cancellationToken)
    {
        var root = $"public/other/{dataset.Name}";
        var files = new List<FixtureOtherFile>(dataset.Files.Count + dataset.Checksums.Count);
        var md5ByPath = new Dictionary<string, string>(StringComparer.Ordinal);
        var directories = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        foreach (var file in dataset.Files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var relative = $"{root}/{file.PathOnDisk}";
            if (Touch(directories, root, relative, file.Modified))
            {
                output.CreateDirectory(Path.GetDirectoryName(relative)!);
            }

            var sums = output.WriteData(relative, file.Size, file.Modified);
            files.Add(new FixtureOtherFile(file.PathOnDisk, sums.Size, sums.Md5, sums.Sha1, file.Partial ? FixtureFileState.Partial : FixtureFileState.Complete));
            md5ByPath[file.Path] = sums.Md5;
        }

        foreach (var checksum in dataset.Checksums)
        {
            var directory = Path.GetDirectoryName(checksum.Path)!.Replace('\\', '/');
            var entries = checksum.Covers.Select(name => (name, md5ByPath[$"{directory}/{name}"]));
            var text = ChecksumListing.Text(entries);
            var relative = $"{root}/{checksum.Path}";
            Touch(directories, root, relative, checksum.Modified);
            output.WriteText(relative, text, checksum.Modified);
            var bytes = System.Text.Encoding.UTF8.GetBytes(text);
            files.Add(new FixtureOtherFile(
                checksum.Path,
                bytes.Length,
                Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(bytes)),
                Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(bytes)),
                FixtureFileState.Complete));
        }

        foreach (var (path, target) in dataset.Links)
        {
            output.Symlink($"{root}/{path}", target);
        }

        // Deepest first, so a parent's stamp is not undone by creating its children.
        foreach (var (directory, stamp) in directories.OrderByDescending(d => d.Key.Count(c => c == '/')))
        {
            output.StampDirectory(directory, stamp);
        }

        return new FixtureDataset(dataset.Name, dataset.Dated, dataset.RunDirectories, files, dataset.Links);
    }

    /// <summary>Records <paramref name="modified"/> on every directory from the file's up to the dataset root; true when the file's directory is new.</summary>
    private static bool Touch(Dictionary<string, DateTime> directories, string root, string relativeFile, DateTime modified)
    {
        var directory = relativeFile[..relativeFile.LastIndexOf('/')];
        var isNew = !directories.ContainsKey(directory);
        while (true)
        {
            directories[directory] = directories.TryGetValue(directory, out var stamp) && stamp > modified ? stamp : modified;
            if (directory.Length <= root.Length)
            {
                return isNew;
            }

            directory = directory[..directory.LastIndexOf('/')];
        }
    }

    public static string WriteBadDirectory(TreeOutput output)
    {
        output.CreateDirectory("public/other/bad");
        const string path = "public/other/bad/pageviews-20261101-000000.gz";
        output.WriteData(path, 2048, TreePlan.TreeTime);
        output.StampDirectory("public/other/bad", TreePlan.TreeTime);
        return path;
    }
}
