using System.Security.Cryptography;
using System.Text.Json;
using DumpDist.Mirrors.Downloads;
using DumpDist.Sync.Verification;
using DumpDist.TestSupport;

namespace DumpDist.Node.Tests.Composition;

/// <summary>Sync's verification read fills the mirrors' piece cache, so a verified file's torrent costs no read of its own.</summary>
public sealed class PiecesFromVerificationTests : IDisposable
{
    private readonly string _scratch = TestPaths.NewTempDirectory("pieces-verify");

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public async Task VerifyAsync_BigGoodFile_TorrentPiecesCachedAndNoSecondRead()
    {
        var big = WriteRun(("big.bz2", RandomNumberGenerator.GetBytes(700_000)), ("small.bz2", RandomNumberGenerator.GetBytes(1_000)));
        var pieces = new PieceHashes(Path.Combine(_scratch, "pieces"), minimumSize: 500_000);
        var verifier = new FileVerifier(VerificationCache.Open(Path.Combine(_scratch, "state")), TimeProvider.System, pieces: pieces);

        var report = await verifier.VerifyAsync(VerificationPlanner.ForTree(Path.Combine(_scratch, "root")), null, CancellationToken.None);

        Assert.True(report.Succeeded);
        Assert.Equal(701_000, report.BytesRead);
        var pieceLength = PieceHashes.PieceLengthFor(700_000);
        // Exactly one file was cached (the big one), holding the hashes a read of its own would give.
        Assert.Single(Directory.GetFiles(Path.Combine(_scratch, "pieces")));
        var cached = await pieces.TryGetCachedAsync(big, pieceLength, CancellationToken.None);
        Assert.Equal(await PieceHashes.ComputeAsync(big, pieceLength, CancellationToken.None), cached);
        Assert.Equal(3 * 20, cached!.Length);
        Assert.Equal(cached, await pieces.GetAsync(big, pieceLength, CancellationToken.None));
        Assert.Equal(0, pieces.OwnReads);
    }

    [Fact]
    public async Task VerifyAsync_CorruptBigFile_NoPiecesKept()
    {
        var big = WriteRun(("big.bz2", RandomNumberGenerator.GetBytes(700_000)));
        var bytes = await File.ReadAllBytesAsync(big);
        bytes[100] ^= 1;
        await File.WriteAllBytesAsync(big, bytes);
        var pieces = new PieceHashes(Path.Combine(_scratch, "pieces"), minimumSize: 500_000);
        var verifier = new FileVerifier(VerificationCache.Open(Path.Combine(_scratch, "state")), TimeProvider.System, pieces: pieces);

        var report = await verifier.VerifyAsync(VerificationPlanner.ForTree(Path.Combine(_scratch, "root")), null, CancellationToken.None);

        Assert.False(report.Succeeded);
        Assert.Null(await pieces.TryGetCachedAsync(big, PieceHashes.PieceLengthFor(700_000), CancellationToken.None));
    }

    /// <summary>A done run of aawiki with the given files, their sha1sums and dumpstatus.json; returns the first file's path.</summary>
    private string WriteRun(params (string Name, byte[] Body)[] files)
    {
        var run = Directory.CreateDirectory(Path.Combine(_scratch, "root", "public", "aawiki", "20261101")).FullName;
        var sums = new System.Text.StringBuilder();
        var jobs = new Dictionary<string, object>();
        foreach (var (name, body) in files)
        {
            File.WriteAllBytes(Path.Combine(run, name), body);
            var sha1 = Convert.ToHexStringLower(SHA1.HashData(body));
            sums.Append(sha1).Append("  ").Append(name).Append('\n');
            jobs[name] = new Dictionary<string, object>
            {
                ["status"] = "done",
                ["updated"] = "2026-11-01 10:00:00",
                ["files"] = new Dictionary<string, object> { [name] = new Dictionary<string, object> { ["size"] = body.Length, ["sha1"] = sha1 } },
            };
        }

        File.WriteAllText(Path.Combine(run, "aawiki-20261101-sha1sums.txt"), sums.ToString());
        File.WriteAllText(Path.Combine(run, "dumpstatus.json"), JsonSerializer.Serialize(new Dictionary<string, object> { ["jobs"] = jobs, ["version"] = "0.8" }));
        return Path.Combine(run, files[0].Name);
    }
}
