namespace DumpDist.Mirrors.Downloads;

/// <summary>
/// A <c>FILE.torrent</c> (BEP 3, v1 single-file info dictionary) whose <c>url-list</c> (BEP 19)
/// names the origin and the fresh mirrors, so a client downloads over HTTP from several servers
/// with no tracker and no peers. No <c>announce</c>: there is no tracker.
/// </summary>
internal static class TorrentWriter
{
    public const string Suffix = ".torrent";

    public const string MediaType = "application/x-bittorrent";

    /// <summary>The torrent file's bytes; <paramref name="webSeeds"/> are the file's full URLs, origin first.</summary>
    public static byte[] Render(string fileName, long length, int pieceLength, byte[] pieces, IReadOnlyList<Uri> webSeeds, DateTimeOffset created)
    {
        var info = new Dictionary<string, object>
        {
            ["length"] = length,
            ["name"] = fileName,
            ["piece length"] = (long)pieceLength,
            ["pieces"] = pieces,
        };
        var torrent = new Dictionary<string, object>
        {
            ["created by"] = "dumpdist/" + Core.CoreAssembly.Version,
            ["creation date"] = created.ToUnixTimeSeconds(),
            ["info"] = info,
            ["url-list"] = webSeeds.Select(u => (object)u.AbsoluteUri).ToList(),
        };
        return Bencode.Encode(torrent);
    }
}
