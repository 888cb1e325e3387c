using System.Security.Cryptography;
using System.Text;
using DumpDist.Mirrors.Downloads;
using DumpDist.Mirrors.Tests.Support;
using DumpDist.TestSupport;

namespace DumpDist.Mirrors.Tests.Downloads;

public sealed class TorrentDownloadTests
{
    [Fact]
    public async Task Aria2c_TorrentWithWebSeedsOnly_DownloadsAndVerifies()
    {
        var body = RandomNumberGenerator.GetBytes((3 << 20) + 12345);
        var directory = TestPaths.NewTempDirectory("torrent");
        var source = Path.Combine(directory, "source.bin");
        await File.WriteAllBytesAsync(source, body);
        await using var origin = new TinyHttpServer(200, body);
        await using var mirror = new TinyHttpServer(200, body);
        var pieceLength = 256 * 1024;
        var pieces = await new PieceHashes(Path.Combine(directory, "pieces"), 0).GetAsync(source, pieceLength, CancellationToken.None);
        var torrent = Path.Combine(directory, "aawiki-20261101-pages.xml.bz2.torrent");
        await File.WriteAllBytesAsync(torrent, TorrentWriter.Render(
            "aawiki-20261101-pages.xml.bz2", body.Length, pieceLength, pieces,
            [new Uri(origin.Url, "aawiki/20261101/aawiki-20261101-pages.xml.bz2"), new Uri(mirror.Url, "aawiki/20261101/aawiki-20261101-pages.xml.bz2")],
            DateTimeOffset.UnixEpoch));
        var output = Directory.CreateDirectory(Path.Combine(directory, "out")).FullName;

        var run = await ExternalProgram.RunAsync(
            "aria2c",
            [
                "--no-conf", "--dir=" + output, "--enable-dht=false", "--enable-dht6=false", "--bt-enable-lpd=false", "--enable-peer-exchange=false",
                "--bt-tracker=", "--seed-time=0", "--check-integrity=true", "--bt-hash-check-seed=false", "--console-log-level=warn", "--listen-port=" + FreePort.Next(), torrent,
            ],
            timeout: TimeSpan.FromMinutes(1));

        Assert.True(run.ExitCode == 0, run.StandardOutput + run.StandardError);
        Assert.Equal(body, await File.ReadAllBytesAsync(Path.Combine(output, "aawiki-20261101-pages.xml.bz2")));
        Assert.True(origin.Requests + mirror.Requests > 0);
    }

    [Fact]
    public async Task GetAsync_SameFileTwice_ComputesOnceFromCache()
    {
        var directory = TestPaths.NewTempDirectory("pieces");
        var file = Path.Combine(directory, "f");
        await File.WriteAllBytesAsync(file, new byte[600 * 1024]);
        var cache = new PieceHashes(Path.Combine(directory, "cache"), 0);

        var first = await cache.GetAsync(file, 256 * 1024, CancellationToken.None);
        var cached = Directory.GetFiles(Path.Combine(directory, "cache")).Single();
        await File.WriteAllBytesAsync(cached, new byte[60]);
        var second = await cache.GetAsync(file, 256 * 1024, CancellationToken.None);

        Assert.Equal(3 * 20, first.Length);
        Assert.Equal(new byte[60], second);
    }

    [Theory]
    [InlineData(1L << 20, 256 * 1024)]
    [InlineData(2L << 30, 2 * 1024 * 1024)]
    [InlineData(1L << 40, 16 * 1024 * 1024)]
    public void PieceLengthFor_Size_PowerOfTwoNearTwoThousandPieces(long size, int expected) =>
        Assert.Equal(expected, PieceHashes.PieceLengthFor(size));

    [Fact]
    public void Encode_Dictionary_KeysInByteOrder()
    {
        var encoded = Bencode.Encode(new Dictionary<string, object> { ["zz"] = 1L, ["a"] = "x", ["list"] = new List<object> { 2L, "yy" } });

        Assert.Equal("d1:a1:x4:listli2e2:yye2:zzi1ee", Encoding.ASCII.GetString(encoded));
    }
}
