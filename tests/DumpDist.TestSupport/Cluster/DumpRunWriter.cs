using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace DumpDist.TestSupport.Cluster;

/// <summary>
/// Writes a finished run into a canonical tree as the generation host leaves it: data files of
/// deterministic pseudo-random bytes, then the sums (<c>md5sums</c>/<c>sha1sums</c>, text and JSON)
/// and last <c>dumpstatus.json</c> with every job done, so the run is good and verifies.
/// </summary>
public static class DumpRunWriter
{
    /// <summary>Writes <c>public/WIKI/DATE/</c> under <paramref name="tree"/> with one file per entry of <paramref name="files"/> (name suffix, size); returns each file's SHA-256 by its path relative to <c>public/</c>.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> WriteAsync(string tree, string wiki, string date, IReadOnlyList<(string Suffix, long Size)> files, CancellationToken cancellationToken = default)
    {
        var run = Path.Combine(tree, "public", wiki, date);
        Directory.CreateDirectory(run);
        var sha256 = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = new List<(string Name, long Size, string Md5, string Sha1)>();
        var seed = StringComparer.Ordinal.GetHashCode(wiki + date);
        foreach (var (suffix, size) in files)
        {
            var name = $"{wiki}-{date}-{suffix}";
            var (md5, sha1, sha) = await WriteDataAsync(Path.Combine(run, name), size, seed++, cancellationToken);
            entries.Add((name, size, md5, sha1));
            sha256[$"{wiki}/{date}/{name}"] = sha;
        }

        var updated = $"{date[..4]}-{date[4..6]}-{date[6..8]} 12:00:00";
        await WriteSumsAsync(run, $"{wiki}-{date}-md5sums", "md5", entries.Select(e => (e.Name, e.Md5)), cancellationToken);
        await WriteSumsAsync(run, $"{wiki}-{date}-sha1sums", "sha1", entries.Select(e => (e.Name, e.Sha1)), cancellationToken);
        var jobFiles = new JsonObject();
        foreach (var (name, size, md5, sha1) in entries)
        {
            jobFiles[name] = new JsonObject { ["size"] = size, ["url"] = $"/{wiki}/{date}/{name}", ["md5"] = md5, ["sha1"] = sha1 };
        }

        var status = new JsonObject
        {
            ["jobs"] = new JsonObject
            {
                ["articlesdump"] = new JsonObject { ["status"] = "done", ["updated"] = updated, ["files"] = jobFiles },
            },
            ["version"] = "0.8",
        };
        await File.WriteAllTextAsync(Path.Combine(run, "dumpstatus.json"), status.ToJsonString(), cancellationToken);
        return sha256;
    }

    /// <summary>The SHA-256 of a file, lower-case hex.</summary>
    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    private static async Task<(string Md5, string Sha1, string Sha256)> WriteDataAsync(string path, long size, int seed, CancellationToken cancellationToken)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        using var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var random = new Random(seed);
        var buffer = new byte[1 << 20];
        await using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        {
            for (long left = size; left > 0;)
            {
                var chunk = buffer.AsMemory(0, (int)Math.Min(buffer.Length, left));
                random.NextBytes(chunk.Span);
                md5.AppendData(chunk.Span);
                sha1.AppendData(chunk.Span);
                sha256.AppendData(chunk.Span);
                await stream.WriteAsync(chunk, cancellationToken);
                left -= chunk.Length;
            }
        }

        return (Convert.ToHexStringLower(md5.GetHashAndReset()), Convert.ToHexStringLower(sha1.GetHashAndReset()), Convert.ToHexStringLower(sha256.GetHashAndReset()));
    }

    private static async Task WriteSumsAsync(string run, string baseName, string kind, IEnumerable<(string Name, string Hex)> sums, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var files = new JsonObject();
        foreach (var (name, hex) in sums)
        {
            text.Append(hex).Append("  ").Append(name).Append('\n');
            files[name] = hex;
        }

        await File.WriteAllTextAsync(Path.Combine(run, baseName + ".txt"), text.ToString(), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(run, baseName + ".json"), new JsonObject { [kind] = new JsonObject { ["files"] = files } }.ToJsonString(), cancellationToken);
    }
}
