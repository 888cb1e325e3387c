namespace DumpDist.Web.Serving;

/// <summary>Content-Type by file name, for the formats a dump tree holds.</summary>
internal static class ContentTypes
{
    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".bz2"] = "application/x-bzip2",
        [".gz"] = "application/gzip",
        [".7z"] = "application/x-7z-compressed",
        [".zst"] = "application/zstd",
        [".xz"] = "application/x-xz",
        [".zip"] = "application/zip",
        [".tar"] = "application/x-tar",
        [".json"] = "application/json",
        [".xml"] = "application/xml",
        [".rss"] = "application/rss+xml",
        [".txt"] = "text/plain; charset=utf-8",
        [".html"] = "text/html; charset=utf-8",
        [".htm"] = "text/html; charset=utf-8",
        [".css"] = "text/css",
        [".csv"] = "text/csv; charset=utf-8",
        [".tsv"] = "text/tab-separated-values; charset=utf-8",
        [".sql"] = "application/sql",
        [".md5"] = "text/plain; charset=utf-8",
        [".sha1"] = "text/plain; charset=utf-8",
        [".png"] = "image/png",
        [".ico"] = "image/x-icon",
    };

    public static string For(string name)
    {
        // Latest-run feeds are named <wiki>-latest-<file>-rss.xml.
        if (name.EndsWith("-rss.xml", StringComparison.OrdinalIgnoreCase))
        {
            return "application/rss+xml";
        }

        var dot = name.LastIndexOf('.');
        var slash = name.LastIndexOf('/');
        if (dot > slash && ByExtension.TryGetValue(name.Substring(dot), out var type))
        {
            return type;
        }

        return "application/octet-stream";
    }
}
