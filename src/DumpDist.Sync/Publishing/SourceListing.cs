using DumpDist.Core.Tree;
using DumpDist.Sync.Transport;

namespace DumpDist.Sync.Publishing;

/// <summary>
/// One `rsync --list-only` of the source, streamed: how many publishable files it has (for the
/// guard) and which status/index files stage 2 must bring. Entries are not kept, so a listing
/// of millions of files costs little memory.
/// </summary>
public sealed class SourceListing
{
    private readonly List<string> _statusFiles = [];
    private readonly List<ListingEntry> _dataEntries = [];
    private readonly HashSet<string> _wanted;
    private readonly HashSet<string> _found = new(StringComparer.Ordinal);

    private SourceListing(IEnumerable<string> wanted)
    {
        _wanted = new HashSet<string>(wanted, StringComparer.Ordinal);
    }

    /// <summary>The rsync run.</summary>
    public RsyncResult Rsync { get; private set; } = null!;

    /// <summary>Publishable regular files and symlinks.</summary>
    public long Files { get; private set; }

    /// <summary>Status/index files and latest/ entries, relative to the source root.</summary>
    public IReadOnlyList<string> StatusFiles => _statusFiles;

    /// <summary>Data files and symlinks (everything publishable that is not status/index), paths unescaped.</summary>
    public IReadOnlyList<ListingEntry> DataEntries => _dataEntries;

    /// <summary>Which of the paths asked about (the refetch queue) the source still has.</summary>
    public IReadOnlySet<string> FoundWanted => _found;

    /// <summary>Lists <paramref name="source"/>; <paramref name="wanted"/> are paths to look out for.</summary>
    public static async Task<SourceListing> ListAsync(
        RsyncRunner runner,
        RsyncEndpoint source,
        RsyncTransferOptions transfer,
        IEnumerable<string> wanted,
        CancellationToken cancellationToken)
    {
        var listing = new SourceListing(wanted);
        listing.Rsync = await runner.RunAsync(StageArguments.List(source, transfer), listing.Add, cancellationToken);
        return listing;
    }

    private void Add(string line)
    {
        if (ListingEntry.TryParse(line) is not { } entry || entry.IsDirectory || !(entry.IsFile || entry.IsSymlink))
        {
            return;
        }

        var path = Unescape(entry.Path);
        Files++;
        if (PublishRules.IsStatusOrIndexFile(path))
        {
            _statusFiles.Add(path);
        }
        else
        {
            _dataEntries.Add(entry with { Path = path });
        }

        if (_wanted.Contains(path))
        {
            _found.Add(path);
        }
    }

    // rsync prints unprintable bytes as \#ooo (octal).
    private static string Unescape(string path)
    {
        if (!path.Contains("\\#", StringComparison.Ordinal))
        {
            return path;
        }

        var bytes = new List<byte>();
        var raw = System.Text.Encoding.UTF8.GetBytes(path);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\\' && i + 4 < raw.Length && raw[i + 1] == '#'
                && IsOctal(raw[i + 2]) && IsOctal(raw[i + 3]) && IsOctal(raw[i + 4]))
            {
                bytes.Add((byte)(((raw[i + 2] - '0') << 6) | ((raw[i + 3] - '0') << 3) | (raw[i + 4] - '0')));
                i += 4;
            }
            else
            {
                bytes.Add(raw[i]);
            }
        }

        return System.Text.Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static bool IsOctal(byte b) => b is >= (byte)'0' and <= (byte)'7';
}
