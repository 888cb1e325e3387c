using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace DumpDist.Sync.Tests.Support;

/// <summary>
/// Writes a small canonical dump tree: runs with data files, dumpstatus.json (sizes and sums),
/// sha1sums/md5sums, index/status html, latest/ symlinks and RSS, in-progress and excluded files.
/// </summary>
internal sealed class TestTree(string root)
{
    public string Root { get; } = root;

    public string RunDirectory(string wiki, string date) => Path.Combine(Root, "public", wiki, date);

    /// <summary>Writes a run whose listed files are all done, with correct sums and sizes.</summary>
    public IReadOnlyList<string> AddGoodRun(string wiki, string date, params (string Job, int Size)[] files)
    {
        var directory = RunDirectory(wiki, date);
        Directory.CreateDirectory(directory);
        var names = new List<string>();
        foreach (var (job, size) in files)
        {
            var name = $"{wiki}-{date}-{job}";
            File.WriteAllBytes(Path.Combine(directory, name), Content(name, size));
            names.Add(name);
        }

        WriteStatus(wiki, date, names.Select(n => (n, "done")).ToArray());
        return names.Select(n => Path.Combine("public", wiki, date, n)).ToList();
    }

    /// <summary>Rewrites dumpstatus.json, the sums and the html of a run from the files present.</summary>
    public void WriteStatus(string wiki, string date, params (string Name, string Status)[] jobs)
    {
        var directory = RunDirectory(wiki, date);
        var sha1 = new StringBuilder();
        var md5 = new StringBuilder();
        var jobMap = new Dictionary<string, object>();
        foreach (var (name, status) in jobs)
        {
            var path = Path.Combine(directory, name);
            var files = new Dictionary<string, object>();
            if (status == "done")
            {
                var bytes = File.ReadAllBytes(path);
                var s1 = Convert.ToHexStringLower(SHA1.HashData(bytes));
                var m5 = Convert.ToHexStringLower(MD5.HashData(bytes));
                sha1.Append(s1).Append("  ").Append(name).Append('\n');
                md5.Append(m5).Append("  ").Append(name).Append('\n');
                files[name] = new Dictionary<string, object> { ["size"] = bytes.Length, ["url"] = $"/{wiki}/{date}/{name}", ["md5"] = m5, ["sha1"] = s1 };
            }

            jobMap[name] = new Dictionary<string, object> { ["status"] = status, ["updated"] = "2026-11-01 10:00:00", ["files"] = files };
        }

        File.WriteAllText(Path.Combine(directory, "dumpstatus.json"), JsonSerializer.Serialize(new Dictionary<string, object> { ["jobs"] = jobMap, ["version"] = "0.8" }));
        File.WriteAllText(Path.Combine(directory, $"{wiki}-{date}-sha1sums.txt"), sha1.ToString());
        File.WriteAllText(Path.Combine(directory, $"{wiki}-{date}-md5sums.txt"), md5.ToString());
        File.WriteAllText(Path.Combine(directory, "index.html"), $"<html><body>{wiki} {date}</body></html>\n");
        File.WriteAllText(Path.Combine(directory, "status.html"), "<p>status</p>\n");
        File.WriteAllText(Path.Combine(directory, "dumpruninfo.txt"), "name:x; status:done\n");
    }

    /// <summary>Points latest/ at a run's file and writes its RSS feed.</summary>
    public void AddLatest(string wiki, string date, string job)
    {
        var latest = Path.Combine(Root, "public", wiki, "latest");
        Directory.CreateDirectory(latest);
        var link = Path.Combine(latest, $"{wiki}-latest-{job}");
        File.Delete(link);
        File.CreateSymbolicLink(link, $"../{date}/{wiki}-{date}-{job}");
        File.WriteAllText(Path.Combine(latest, $"{wiki}-latest-{job}-rss.xml"), $"<rss>{date}</rss>\n");
    }

    /// <summary>Writes a file anywhere under the root (relative path).</summary>
    public string Write(string relativePath, int size)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, Content(relativePath, size));
        return path;
    }

    /// <summary>Deterministic pseudo-random content.</summary>
    public static byte[] Content(string seed, int size)
    {
        var bytes = new byte[size];
        new Random(StringComparer.Ordinal.GetHashCode(seed) ^ size).NextBytes(bytes);
        return bytes;
    }
}
