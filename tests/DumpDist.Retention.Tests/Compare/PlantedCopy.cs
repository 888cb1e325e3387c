using DumpDist.Fixtures;

namespace DumpDist.Retention.Tests.Compare;

/// <summary>A copy of the generated tree with one difference of each kind planted, and the differences compare must find.</summary>
internal static class PlantedCopy
{
    /// <summary>Plants into <paramref name="copy"/> the differences <see cref="Expected"/> lists.</summary>
    public static void Plant(string copy, FixtureManifest manifest)
    {
        var (wiki, runs, run, Data) = Choose(manifest);

        File.Delete(Path.Combine(copy, Data(0)));
        File.WriteAllText(Path.Combine(copy, run.RelativePath, "extra-file.txt.gz"), "not in the original");
        Directory.Delete(Path.Combine(copy, runs[0].RelativePath), recursive: true);

        var grown = Path.Combine(copy, Data(1));
        var grownTime = File.GetLastWriteTimeUtc(grown);
        File.AppendAllText(grown, "more");
        File.SetLastWriteTimeUtc(grown, grownTime);

        var touched = Path.Combine(copy, Data(2));
        File.SetLastWriteTimeUtc(touched, File.GetLastWriteTimeUtc(touched).AddMinutes(-7));

        // Same size, same mtime, other bytes: only a content check sees it.
        var changed = Path.Combine(copy, Data(3));
        var changedTime = File.GetLastWriteTimeUtc(changed);
        var bytes = File.ReadAllBytes(changed);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(changed, bytes);
        File.SetLastWriteTimeUtc(changed, changedTime);

        var link = wiki.Latest[0];
        var linkPath = Path.Combine(copy, "public", wiki.Name, "latest", link.Name);
        File.Delete(linkPath);
        File.CreateSymbolicLink(linkPath, link.Target + ".elsewhere");
    }

    /// <summary>(path, kind) of each planted difference, for side A = the copy and side B = the original.</summary>
    public static List<(string Path, string Kind)> Expected(FixtureManifest manifest)
    {
        var (wiki, runs, run, Data) = Choose(manifest);
        var link = wiki.Latest[0];
        return
        [
            (Data(0), "only-in-b"),
            ($"{run.RelativePath}/extra-file.txt.gz", "only-in-a"),
            (runs[0].RelativePath, "only-in-b"),
            (Data(1), "size"),
            (Data(2), "mtime"),
            ($"public/{wiki.Name}/latest/{link.Name}", "link"),
            (Data(3), "content"),
        ];
    }

    private static (FixtureWiki Wiki, List<FixtureRun> Runs, FixtureRun Run, Func<int, string> Data) Choose(FixtureManifest manifest)
    {
        var wiki = manifest.Wikis[^1];
        var runs = wiki.Runs.Where(r => r.State == FixtureRunState.Done).ToList();
        var run = runs[^1];
        var files = run.Files.Where(f => f.Listed && f.Size > 16).ToList();
        return (wiki, runs, run, i => $"{run.RelativePath}/{files[i].Name}");
    }
}
