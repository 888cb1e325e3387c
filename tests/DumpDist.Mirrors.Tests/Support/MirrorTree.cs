using System.Text.Json;

namespace DumpDist.Mirrors.Tests.Support;

/// <summary>A small served tree: wiki runs in each state, dot files, in-progress files, other datasets.</summary>
internal sealed class MirrorTree(string root)
{
    public string Root { get; } = root;

    public string Public => Path.Combine(Root, "public");

    /// <summary>Writes a run with one data file per job and a dumpstatus.json giving each job <paramref name="status"/>.</summary>
    public void AddRun(string wiki, string date, string status, int size = 1000, params string[] jobs)
    {
        var directory = Path.Combine(Public, wiki, date);
        Directory.CreateDirectory(directory);
        var jobMap = new Dictionary<string, object>();
        foreach (var job in jobs.Length == 0 ? ["pages"] : jobs)
        {
            var name = $"{wiki}-{date}-{job}.xml.bz2";
            File.WriteAllBytes(Path.Combine(directory, name), new byte[size]);
            jobMap[job] = new Dictionary<string, object> { ["status"] = status, ["updated"] = "2026-11-01 10:00:00", ["files"] = new Dictionary<string, object>() };
        }

        File.WriteAllText(Path.Combine(directory, "dumpstatus.json"), JsonSerializer.Serialize(new Dictionary<string, object> { ["jobs"] = jobMap, ["version"] = "0.8" }));
    }

    /// <summary>Writes a file under public/ (relative path).</summary>
    public void Write(string relativePath, int size = 10)
    {
        var path = Path.Combine(Public, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, new byte[size]);
    }

    /// <summary>The standard tree of these tests: aawiki with 3 good runs, one failed and one in progress; bbwiki with one good run.</summary>
    public static MirrorTree Standard(string root)
    {
        var tree = new MirrorTree(root);
        tree.AddRun("aawiki", "20261001", "done");
        tree.AddRun("aawiki", "20261010", "done");
        tree.AddRun("aawiki", "20261020", "failed");
        tree.AddRun("aawiki", "20261101", "done");
        tree.AddRun("aawiki", "20261120", "in-progress");
        tree.AddRun("bbwiki", "20261101", "done");
        tree.Write("aawiki/20261101/.hidden");
        tree.Write("aawiki/20261101/aawiki-20261101-stub.xml.gz.inprog");
        tree.Write(".staging/aawiki/20261201/x");
        tree.Write("other/pageviews/20261101/pageviews-1.gz");
        tree.Write("index.html");
        return tree;
    }
}
