using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DumpDist.Mirrors.Freshness;

/// <summary>
/// The trace file at the web root (<c>dumpdist-trace.txt</c>), carried by every wiki module:
/// when the set of newest good runs last changed, and a digest of that set. A mirror whose copy
/// has our digest is fresh; an older copy says how far behind it is.
/// </summary>
/// <param name="Updated">When the newest good runs last changed here.</param>
/// <param name="Digest">SHA-256 (hex) of the last-1-good dirlist.</param>
/// <param name="Runs">How many runs that list names.</param>
public sealed record MirrorTrace(DateTimeOffset Updated, string Digest, int Runs)
{
    /// <summary>The file name, at the root of the served tree and of the mirrors' copies.</summary>
    public const string FileName = "dumpdist-trace.txt";

    private const string Magic = "dumpdist-trace 1";

    /// <summary>The trace of a last-1-good dirlist text.</summary>
    public static MirrorTrace Of(string dirlist, DateTimeOffset updated) =>
        new(updated, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(dirlist))), dirlist.Count(c => c == '\n'));

    /// <summary>The file's text.</summary>
    public string Render() => string.Create(CultureInfo.InvariantCulture, $"{Magic}\nupdated: {Updated.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\ndigest: {Digest}\nruns: {Runs}\n");

    /// <summary>Reads a trace file's text; null when it is not one.</summary>
    public static MirrorTrace? TryParse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length < 4 || lines[0] != Magic)
        {
            return null;
        }

        var fields = lines.Skip(1).Select(l => l.Split(": ", 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        return fields.TryGetValue("updated", out var updated)
            && DateTimeOffset.TryParseExact(updated, "yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            && fields.TryGetValue("digest", out var digest) && digest.Length == 64
            && fields.TryGetValue("runs", out var runsText) && int.TryParse(runsText, CultureInfo.InvariantCulture, out var runs)
            ? new MirrorTrace(at, digest, runs)
            : null;
    }
}
