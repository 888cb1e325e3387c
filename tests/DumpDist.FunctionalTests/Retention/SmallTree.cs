using DumpDist.TestSupport;

namespace DumpDist.FunctionalTests.Retention;

/// <summary>A hand-made tree for the retention commands: one wiki with good runs on the 1st of each month, latest/ into the newest.</summary>
internal sealed class SmallTree : IDisposable
{
    public SmallTree(int runs = 5)
    {
        Directory = TestPaths.NewTempDirectory("retention-cli");
        for (var month = 1; month <= runs; month++)
        {
            Run($"2026{month:00}01", "done");
        }

        var latest = Path.Combine(Root, "public", "aawiki", "latest");
        System.IO.Directory.CreateDirectory(latest);
        File.CreateSymbolicLink(Path.Combine(latest, "aawiki-latest-pages.xml.bz2"), $"../2026{runs:00}01/aawiki-2026{runs:00}01-pages.xml.bz2");
    }

    public string Directory { get; }

    public string Root => Path.Combine(Directory, "tree");

    public string State => Path.Combine(Directory, "state");

    public string RunPath(string date) => Path.Combine(Root, "public", "aawiki", date);

    public void Run(string date, string status, string? rawStatus = null)
    {
        var run = RunPath(date);
        System.IO.Directory.CreateDirectory(run);
        File.WriteAllText(Path.Combine(run, $"aawiki-{date}-pages.xml.bz2"), new string('x', 10_000));
        File.WriteAllText(Path.Combine(run, "dumpstatus.json"), rawStatus ?? "{\"jobs\": {\"articlesdump\": {\"status\": \"" + status + "\", \"files\": {}}}, \"version\": \"0.8\"}");
    }

    /// <summary>A cluster file with host dumps1 over this tree and one wiki-runs dataset.</summary>
    public string ClusterFile(int defaultKeep)
    {
        var path = Path.Combine(Directory, "cluster.yaml");
        File.WriteAllText(path, $"""
            source:
              url: rsync://gen.example.org/dumps/
            datasets:
              - name: xmldatadumps
                path: public
            hosts:
              - name: dumps1
                public_address: 127.0.0.1
                admin_address: 127.0.0.1:9100
                root: {Root}
                state_dir: {State}
            retention:
              default_keep: {defaultKeep}
            """);
        return path;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
