using DumpDist.TestSupport;
using DumpDist.Web.Tests.Support;

namespace DumpDist.Web.Tests;

/// <summary>
/// Downloads and ranges, run twice: over the zero-copy path (sendfile) and over the copying path
/// it falls back to (TLS, HTTP/2, a Kestrel without the byte counter), so neither can rot unseen.
/// </summary>
public abstract class ResumeTests(bool zeroCopy) : IAsyncLifetime
{
    private readonly TestTree _tree = new();
    private RunningServer _server = null!;
    private byte[] _file = [];

    public async Task InitializeAsync()
    {
        _file = _tree.AddFile("wikidatawiki/20240101/wikidatawiki-20240101-pages-meta-history1.xml.7z", 2 * 1024 * 1024 + 17, seed: 11);
        _server = await RunningServer.StartAsync(_tree, configure: o => o.ZeroCopy = zeroCopy);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _tree.Dispose();
    }

    [Fact]
    public async Task WgetContinue_InterruptedDownload_ByteIdentical()
    {
        var dir = TestPaths.NewTempDirectory("wget");
        try
        {
            // What an interrupted download leaves behind: the first part of the file.
            var target = Path.Combine(dir, "wikidatawiki-20240101-pages-meta-history1.xml.7z");
            await File.WriteAllBytesAsync(target, _file.AsSpan(0, 777_777).ToArray());

            var result = await ExternalProgram.RunAsync("wget",
                ["-c", "-nv", "-S", "-O", target, _server.Url("wikidatawiki/20240101/wikidatawiki-20240101-pages-meta-history1.xml.7z")]);

            Assert.Equal(0, result.ExitCode);
            Assert.Contains("206 Partial Content", result.StandardError, StringComparison.Ordinal);
            Assert.Equal(_file, await File.ReadAllBytesAsync(target));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task CurlContinueAt_PartialFile_ByteIdentical()
    {
        var dir = TestPaths.NewTempDirectory("curlc");
        try
        {
            var target = Path.Combine(dir, "part");
            await File.WriteAllBytesAsync(target, _file.AsSpan(0, 1_000_001).ToArray());

            var result = await ExternalProgram.RunAsync("curl", ["-sS", "-C", "-", "-o", target, _server.Url("wikidatawiki/20240101/wikidatawiki-20240101-pages-meta-history1.xml.7z")]);

            Assert.Equal(0, result.ExitCode);
            Assert.Equal(_file, await File.ReadAllBytesAsync(target));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Get_BigBody_GoesOutByTheChosenPath()
    {
        var result = await Curl.GetAsync(_server.Url("wikidatawiki/20240101/wikidatawiki-20240101-pages-meta-history1.xml.7z"));

        Assert.Equal(_file, result.Body);
        if (zeroCopy)
        {
            Assert.True(_server.Server.Metrics.ZeroCopyBytes.Value >= _file.Length, "the body went out with sendfile");
        }
        else
        {
            Assert.Equal(0, _server.Server.Metrics.ZeroCopyBytes.Value);
        }
    }
}

/// <summary>The download tests over sendfile(2).</summary>
public sealed class ResumeTestsZeroCopy() : ResumeTests(zeroCopy: true);

/// <summary>The download tests over the copying path.</summary>
public sealed class ResumeTestsCopying() : ResumeTests(zeroCopy: false);
