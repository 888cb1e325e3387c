using System.Text;
using DumpDist.TestSupport;

namespace DumpDist.Retention.Tests.Support;

/// <summary>Builds small dump trees by hand: runs with a dumpstatus.json of the given state, latest/ links, other datasets.</summary>
internal sealed class TreeBuilder : IDisposable
{
    public TreeBuilder(string prefix = "retention")
    {
        Root = TestPaths.NewTempDirectory(prefix);
        Directory.CreateDirectory(Path.Combine(Root, "public"));
    }

    public string Root { get; }

    public string Public => Path.Combine(Root, "public");

    /// <summary>A run whose jobs have the given status (<c>done</c>, <c>failed</c>, <c>in-progress</c>), or no dumpstatus.json when null, or <paramref name="rawStatus"/> verbatim.</summary>
    public string Run(string wiki, string date, string? status = "done", int dataBytes = 1000, string? rawStatus = null)
    {
        var directory = Path.Combine(Public, wiki, date);
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, $"{wiki}-{date}-pages-articles.xml.bz2"), Encoding.ASCII.GetBytes(new string('x', dataBytes)));
        File.WriteAllText(Path.Combine(directory, "index.html"), "<html></html>");
        if (rawStatus is not null)
        {
            File.WriteAllText(Path.Combine(directory, "dumpstatus.json"), rawStatus);
        }
        else if (status is not null)
        {
            File.WriteAllText(
                Path.Combine(directory, "dumpstatus.json"),
                "{\"jobs\": {\"articlesdump\": {\"status\": \"" + status + "\", \"updated\": \"2026-01-01 00:00:00\", \"files\": {}}, \"namespaces\": {\"status\": \"done\", \"files\": {}}}, \"version\": \"0.8\"}");
        }

        return directory;
    }

    /// <summary>latest/ links of <paramref name="wiki"/> into run <paramref name="date"/>.</summary>
    public void Latest(string wiki, string date)
    {
        var latest = Path.Combine(Public, wiki, "latest");
        Directory.CreateDirectory(latest);
        File.CreateSymbolicLink(Path.Combine(latest, $"{wiki}-latest-pages-articles.xml.bz2"), $"../{date}/{wiki}-{date}-pages-articles.xml.bz2");
        File.WriteAllText(Path.Combine(latest, $"{wiki}-latest-pages-articles.xml.bz2-rss.xml"), "<rss/>");
    }

    /// <summary>A dated directory of an other dataset (<paramref name="group"/> may be "wikidatawiki" for one level down).</summary>
    public string Dated(string dataset, string date, string? group = null, bool inProgress = false)
    {
        var directory = group is null ? Path.Combine(Public, "other", dataset, date) : Path.Combine(Public, "other", dataset, group, date);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, $"{dataset}-{date}.json.gz"), new string('y', 500));
        if (inProgress)
        {
            File.WriteAllText(Path.Combine(directory, $"{dataset}-{date}-more.json.gz.inprog"), "z");
        }

        return directory;
    }

    /// <summary>A file of an other dataset with the given mtime.</summary>
    public string OtherFile(string dataset, string relativePath, DateTime modifiedUtc, int bytes = 300)
    {
        var path = Path.Combine(Public, "other", dataset, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, new string('p', bytes));
        File.SetLastWriteTimeUtc(path, modifiedUtc);
        return path;
    }

    public bool Exists(string relativeToPublic) => Directory.Exists(Path.Combine(Public, relativeToPublic)) || File.Exists(Path.Combine(Public, relativeToPublic));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
